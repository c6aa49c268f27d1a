package io.cryptoviz.api.series;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cryptoviz.api.ApiSliceTests;
import io.cryptoviz.api.series.SeriesResponses.ComparedPoint;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class CompareControllerTests extends ApiSliceTests {

	@Autowired
	private SeriesQueries series;

	@Test
	void whenCompareWithoutCoinsThenEveryCoinWithABudgetSharedBetweenThem() throws Exception {
		Map<String, List<ComparedPoint>> compared = new LinkedHashMap<>();
		for (String coin : List.of("bitcoin", "cardano", "ethereum", "polkadot", "solana")) {
			compared.put(coin, List.of());
		}
		compared.put("bitcoin", List.of(new ComparedPoint(Instant.parse("2025-10-31T11:00:00Z"), 110000, 1.5)));
		given(this.series.compare(any(), any(), any(), any())).willReturn(compared);

		this.mvc.perform(get("/api/v1/compare"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.currency").value("usd"))
			// 400 default points for 5 coins: hourly buckets
			.andExpect(jsonPath("$.interval").value("1h"))
			.andExpect(jsonPath("$.series[*].coin").value(contains("bitcoin", "cardano", "ethereum", "polkadot", "solana")))
			.andExpect(jsonPath("$.series[0].points[0].change_pct").value(1.5))
			.andExpect(jsonPath("$.series[0].points[0].value").value(110000.0));
	}

	@Test
	void whenCompareNamesCoinsThenThoseOnceEachInTheOrderGiven() throws Exception {
		given(this.series.compare(any(), any(), any(), any())).willReturn(Map.of());

		this.mvc.perform(get("/api/v1/compare").param("coins", "solana, bitcoin,solana").param("currency", "eur"))
			.andExpect(status().isOk());

		verify(this.series).compare(eq(List.of("solana", "bitcoin")), eq(Currency.EUR), any(), any());
	}

	@Test
	void whenCompareNamesAnUnknownCoinThen404() throws Exception {
		this.mvc.perform(get("/api/v1/compare").param("coins", "bitcoin,dogecoin"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.detail").value(containsString("'dogecoin'")));
		verifyNoInteractions(this.series);
	}

	@Test
	void whenCompareCoinListIsMalformedThen400NamingIt() throws Exception {
		this.mvc.perform(get("/api/v1/compare").param("coins", "bitcoin,,ethereum"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("coins"));
		this.mvc.perform(get("/api/v1/compare").param("coins", "a,".repeat(500)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("coins"))
			.andExpect(jsonPath("$.detail").value(containsString("at most the 5 there are")));
	}

	@Test
	void whenComparisonWouldReturnTooManyPointsThen400CountingEveryCoin() throws Exception {
		this.mvc.perform(get("/api/v1/compare").param("coins", "bitcoin,ethereum,cardano,solana").param("interval", "5m"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:cryptoviz:problem:too-many-points"))
			.andExpect(jsonPath("$.points").value(1152))
			.andExpect(jsonPath("$.max_points").value(1000))
			.andExpect(jsonPath("$.detail").value(containsString("compare fewer coins")));
	}

}
