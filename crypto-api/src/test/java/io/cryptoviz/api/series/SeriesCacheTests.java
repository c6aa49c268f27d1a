package io.cryptoviz.api.series;

import java.time.Instant;
import java.util.List;

import io.cryptoviz.api.ApiSliceTests;
import io.cryptoviz.api.cache.TickLedger;
import io.cryptoviz.api.series.SeriesResponses.Candle;
import io.cryptoviz.api.series.SeriesResponses.Point;
import io.cryptoviz.influx.InfluxUnavailableException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The series caches in the web slice, with the real cache manager, its settings and the tick
 * ledger (which, without Kafka, never learns that a tick is stored): the mocked queries count what
 * InfluxDB would be asked.
 */
class SeriesCacheTests extends ApiSliceTests {

	private static final String HISTORY = "/api/v1/coins/bitcoin/history?interval=1h&from=2025-10-30T00:00:00Z&to=2025-10-31T00:00:00Z";

	private static final String CANDLES = "/api/v1/coins/bitcoin/candles?interval=1h&from=2025-10-30T00:00:00Z&to=2025-10-31T00:00:00Z";

	private static final List<Point> POINTS = List.of(new Point(Instant.parse("2025-10-30T10:00:00Z"), 109000.5));

	@Autowired
	private SeriesQueries series;

	@Autowired
	private TickLedger ledger;

	@Test
	void whenTheSameHistoryAndCandlesAreAskedAgainThenTheyComeFromTheCache() throws Exception {
		given(this.series.history(any(), any(), any(), any(), any())).willReturn(POINTS);
		given(this.series.candles(any(), any(), any(), any())).willReturn(List.of());

		for (int i = 0; i < 3; i++) {
			this.mvc.perform(get(HISTORY)).andExpect(status().isOk()).andExpect(jsonPath("$.points[0].value").value(109000.5));
			this.mvc.perform(get(CANDLES)).andExpect(status().isOk());
		}
		this.mvc.perform(get(HISTORY + "&aggregation=max")).andExpect(status().isOk());

		verify(this.series, times(2)).history(any(), any(), any(), any(), any());
		verify(this.series, times(1)).candles(any(), any(), any(), any());
	}

	@Test
	void whenATickOfTheRangeIsReceivedThenTheRangeIsReadOnEveryRequestUntilItIsStored() throws Exception {
		// coins of their own: the ledger is the context's, and a tick it never learns is stored stays
		String cardano = HISTORY.replace("bitcoin", "cardano");
		String polkadot = HISTORY.replace("bitcoin", "polkadot");
		given(this.series.history(any(), any(), any(), any(), any())).willReturn(POINTS);
		this.mvc.perform(get(cardano)).andExpect(status().isOk());
		this.mvc.perform(get(polkadot)).andExpect(status().isOk());

		this.ledger.received("cardano", Instant.parse("2025-10-30T10:30:00Z"), 0, 7);
		this.mvc.perform(get(cardano)).andExpect(status().isOk());
		this.mvc.perform(get(cardano)).andExpect(status().isOk());
		// a tick of another coin, or one after the range, leaves the answer cached
		this.ledger.received("polkadot", Instant.parse("2025-10-31T00:00:00Z"), 1, 8);
		this.mvc.perform(get(polkadot)).andExpect(status().isOk());

		verify(this.series, times(3)).history(eq("cardano"), any(), any(), any(), any());
		verify(this.series, times(1)).history(eq("polkadot"), any(), any(), any(), any());
	}

	@Test
	void whenAnAnswerIsCachedThenItIsTheSameJsonAsWhenItIsNot() throws Exception {
		// a coin of its own: a tick it never learns is stored makes its range uncached for good
		String solana = CANDLES.replace("bitcoin", "solana");
		given(this.series.candles(any(), any(), any(), any())).willReturn(List.of(new Candle(
				Instant.parse("2025-10-30T10:00:00Z"), 109000.5, 109100.0, 108900.25, 109050.0, 3.5e10)));

		MvcResult first = this.mvc.perform(get(solana)).andExpect(status().isOk()).andReturn();
		MvcResult cached = this.mvc.perform(get(solana)).andExpect(status().isOk()).andReturn();
		this.ledger.received("solana", Instant.parse("2025-10-30T10:30:00Z"), 2, 9);
		MvcResult uncached = this.mvc.perform(get(solana)).andExpect(status().isOk()).andReturn();

		verify(this.series, times(2)).candles(eq("solana"), any(), any(), any());
		assertThat(cached.getResponse().getContentAsString()).isEqualTo(first.getResponse().getContentAsString())
			.isEqualTo(uncached.getResponse().getContentAsString())
			.contains("\"candles\":[{\"time\":\"2025-10-30T10:00:00Z\",\"open\":109000.5");
		assertThat(cached.getResponse().getContentType()).isEqualTo(uncached.getResponse().getContentType())
			.startsWith("application/json");
	}

	@Test
	void whenInfluxDbFailsThenTheFailureIsNotCached() throws Exception {
		given(this.series.history(any(), any(), any(), any(), any()))
			.willThrow(new InfluxUnavailableException("InfluxDB did not answer", 0, null, null))
			.willReturn(POINTS);

		this.mvc.perform(get(HISTORY)).andExpect(status().isServiceUnavailable());
		this.mvc.perform(get(HISTORY)).andExpect(status().isOk());
		this.mvc.perform(get(HISTORY)).andExpect(status().isOk());

		verify(this.series, times(2)).history(any(), any(), any(), any(), any());
	}

	@Test
	void whenManyClientsAskForCandlesNotCachedYetThenInfluxDbGetsOneQueryAndEveryoneItsAnswer() throws Exception {
		ConcurrentMisses misses = new ConcurrentMisses();
		given(this.series.candles(any(), any(), any(), any())).willAnswer(
				misses.held(List.of(new Candle(Instant.parse("2025-10-30T10:00:00Z"), 1, 3, 0.5, 2, null))));

		misses.ask(this.mvc, CANDLES, "\"open\":1.0,\"high\":3.0");

		verify(this.series, times(1)).candles(any(), any(), any(), any());
	}

}
