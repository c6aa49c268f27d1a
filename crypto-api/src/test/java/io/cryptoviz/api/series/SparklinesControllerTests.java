package io.cryptoviz.api.series;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.cryptoviz.api.ApiSliceTests;
import io.cryptoviz.api.series.SeriesResponses.Sparkline;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class SparklinesControllerTests extends ApiSliceTests {

	/** Now is on the hour in the slice: the last 24 hours are 24 whole hours. */
	private static final TimeRange LAST_DAY = new TimeRange(Instant.parse("2025-10-30T12:00:00Z"), NOW);

	@Autowired
	private SeriesQueries series;

	@Test
	void whenSparklinesThenEveryCoinsHourlyUsdPriceOfTheLastDayInOneAnswer() throws Exception {
		given(this.series.sparklines(COINS_BY_ID, true, Currency.USD, LAST_DAY, Interval.ONE_HOUR))
			.willReturn(List.of(new Sparkline("bitcoin", Arrays.asList(109000.0, null, 109500.5)),
					new Sparkline("cardano", List.of()), new Sparkline("ethereum", List.of()),
					new Sparkline("polkadot", List.of()), new Sparkline("solana", List.of())));

		this.mvc.perform(get("/api/v1/sparklines"))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.currency").value("usd"))
			.andExpect(jsonPath("$.interval").value("1h"))
			.andExpect(jsonPath("$.from").value("2025-10-30T12:00:00Z"))
			.andExpect(jsonPath("$.to").value("2025-10-31T12:00:00Z"))
			.andExpect(jsonPath("$.sparklines[*].coin").value(contains("bitcoin", "cardano", "ethereum", "polkadot", "solana")))
			.andExpect(jsonPath("$.sparklines[0].values[0]").value(109000.0))
			.andExpect(jsonPath("$.sparklines[0].values[1]").value(nullValue()))
			.andExpect(jsonPath("$.sparklines[0].values[2]").value(109500.5))
			.andExpect(jsonPath("$.sparklines[1].values.length()").value(0));
	}

	@Test
	void whenSparklinesNameCoinsAndCurrencyThenThoseOnceEachInTheOrderGiven() throws Exception {
		given(this.series.sparklines(any(), eq(false), any(), any(), any())).willReturn(List.of());

		this.mvc.perform(get("/api/v1/sparklines").param("coins", "solana,bitcoin,solana").param("currency", "EUR"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.currency").value("eur"));

		verify(this.series).sparklines(eq(List.of("solana", "bitcoin")), eq(false), eq(Currency.EUR), eq(LAST_DAY),
				eq(Interval.ONE_HOUR));
	}

	@Test
	void whenSparklinesCurrencyIsUnknownThen400ProblemNamingItAndNoQuery() throws Exception {
		this.mvc.perform(get("/api/v1/sparklines").param("currency", "gbp"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:cryptoviz:problem:invalid-parameter"))
			.andExpect(jsonPath("$.parameter").value("currency"))
			.andExpect(jsonPath("$.detail").value("currency 'gbp' is not one of usd, eur."));
		verifyNoInteractions(this.series);
	}

	@Test
	void whenSparklinesNameAnUnknownCoinThen404ProblemAndNoQuery() throws Exception {
		this.mvc.perform(get("/api/v1/sparklines").param("coins", "bitcoin,dogecoin"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:cryptoviz:problem:unknown-coin"))
			.andExpect(jsonPath("$.detail").value(containsString("'dogecoin'")));
		verifyNoInteractions(this.series);
	}

	@Test
	void whenSparklinesCoinListIsMalformedThen400NamingIt() throws Exception {
		for (String coins : List.of("bitcoin,,ethereum", "a,".repeat(500), "bitcoin' OR 1=1")) {
			this.mvc.perform(get("/api/v1/sparklines").param("coins", coins))
				.andExpect(status().is4xxClientError())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		}
		this.mvc.perform(get("/api/v1/sparklines").param("coins", "bitcoin,,ethereum"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("coins"));
		verifyNoInteractions(this.series);
	}

}
