package io.cryptoviz.api.series;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.cryptoviz.api.ApiSliceTests;
import io.cryptoviz.api.series.SeriesResponses.Sparkline;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
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
		int clients = 8;
		CountDownLatch queried = new CountDownLatch(1);
		CountDownLatch answer = new CountDownLatch(1);
		given(this.series.sparklines(any(), anyBoolean(), any(), any(), any())).willAnswer((invocation) -> {
			queried.countDown();
			// InfluxDB is slow to answer: every other client has asked by the time it does
			assertThat(answer.await(60, TimeUnit.SECONDS)).isTrue();
			return BITCOIN_ONLY;
		});
		List<Thread> threads = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(clients, (task) -> {
			Thread thread = new Thread(task, "client-" + threads.size());
			threads.add(thread);
			return thread;
		});
		try {
			List<Future<MvcResult>> results = new ArrayList<>();
			for (int i = 0; i < clients; i++) {
				results.add(pool.submit(() -> this.mvc.perform(get("/api/v1/sparklines")).andReturn()));
			}
			assertThat(queried.await(60, TimeUnit.SECONDS)).isTrue();
			// the query under way holds one client; the others wait, for the cache or (were it not
			// for the cache) for a query of their own
			Set<Thread.State> waiting = EnumSet.of(Thread.State.BLOCKED, Thread.State.WAITING,
					Thread.State.TIMED_WAITING);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> threads.size() == clients
						&& threads.stream().allMatch((thread) -> waiting.contains(thread.getState())));
			answer.countDown();

			for (Future<MvcResult> result : results) {
				MvcResult done = result.get(60, TimeUnit.SECONDS);
				assertThat(done.getResponse().getStatus()).isEqualTo(200);
				assertThat(done.getResponse().getContentAsString()).contains("\"coin\":\"bitcoin\",\"values\":[109000.0,null,109500.5]");
			}
		}
		finally {
			answer.countDown();
			pool.shutdownNow();
		}
		verify(this.series, times(1)).sparklines(any(), anyBoolean(), any(), any(), any());
	}

}
