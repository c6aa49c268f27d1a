package io.cryptoviz.api.series;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.cryptoviz.api.ApiSliceTests;
import io.cryptoviz.api.series.SeriesResponses.Sparkline;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The sparklines' cache, in the web slice with the real cache manager and its settings
 * (60 s), on the slice's clock: the mocked queries count what InfluxDB would be asked.
 */
class SparklinesCacheTests extends ApiSliceTests {

	private static final List<Sparkline> BITCOIN_ONLY = List.of(
			new Sparkline("bitcoin", Arrays.asList(109000.0, null, 109500.5)), new Sparkline("cardano", List.of()),
			new Sparkline("ethereum", List.of()), new Sparkline("polkadot", List.of()),
			new Sparkline("solana", List.of()));

	@Autowired
	private SeriesQueries series;

	@Test
	void whenTheSameSparklinesAreAskedAgainThenTheyComeFromTheCacheWithoutAQuery() throws Exception {
		given(this.series.sparklines(any(), anyBoolean(), any(), any(), any())).willReturn(BITCOIN_ONLY);

		String first = this.mvc.perform(get("/api/v1/sparklines"))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "max-age=60, private"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		this.clock.advance(Duration.ofSeconds(59));
		String again = this.mvc.perform(get("/api/v1/sparklines"))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "max-age=1, private"))
			.andExpect(jsonPath("$.to").value("2025-10-31T12:00:00Z"))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(again).isEqualTo(first);
		verify(this.series, times(1)).sparklines(COINS_BY_ID, true, Currency.USD,
				new TimeRange(SparklineAnswers.firstHour(NOW), NOW), Interval.ONE_HOUR);
	}

	@Test
	void whenTheCachedSparklinesAreAMinuteOldThenTheyAreReadAgainUpToNow() throws Exception {
		given(this.series.sparklines(any(), anyBoolean(), any(), any(), any())).willReturn(BITCOIN_ONLY);
		this.mvc.perform(get("/api/v1/sparklines")).andExpect(status().isOk());

		this.clock.advance(Duration.ofSeconds(60));
		this.mvc.perform(get("/api/v1/sparklines"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.to").value("2025-10-31T12:01:00Z"));

		verify(this.series, times(2)).sparklines(eq(COINS_BY_ID), eq(true), eq(Currency.USD), any(),
				eq(Interval.ONE_HOUR));
	}

	@Test
	void whenAnotherCurrencyOrOtherCoinsAreAskedThenEachIsAnAnswerOfItsOwn() throws Exception {
		given(this.series.sparklines(any(), anyBoolean(), any(), any(), any())).willReturn(List.of());

		for (String query : List.of("", "?currency=eur", "?coins=solana,bitcoin", "?coins=bitcoin,solana", "",
				"?currency=eur", "?coins=solana,bitcoin")) {
			this.mvc.perform(get("/api/v1/sparklines" + query)).andExpect(status().isOk());
		}

		verify(this.series, times(4)).sparklines(any(), anyBoolean(), any(), any(), any());
	}

	@Test
	void whenManyClientsAskForSparklinesNotCachedYetThenInfluxDbGetsOneQueryAndEveryoneItsAnswer()
			throws Exception {
		ConcurrentMisses misses = new ConcurrentMisses();
		given(this.series.sparklines(any(), anyBoolean(), any(), any(), any())).willAnswer(misses.held(BITCOIN_ONLY));

		misses.ask(this.mvc, "/api/v1/sparklines", "\"coin\":\"bitcoin\",\"values\":[109000.0,null,109500.5]");

		verify(this.series, times(1)).sparklines(any(), anyBoolean(), any(), any(), any());
	}

}
