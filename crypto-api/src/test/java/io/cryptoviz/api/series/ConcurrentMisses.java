package io.cryptoviz.api.series;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.mockito.stubbing.Answer;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Clients that make one request, not cached yet, at the same time: the mocked query answers only once every
 * client waits, so that each of them has asked before any answer could be cached. The test stubs its query with
 * {@link #held}, calls {@link #ask}, then checks how many queries reached InfluxDB.
 */
final class ConcurrentMisses {

	private static final int CLIENTS = 8;

	private final CountDownLatch queried = new CountDownLatch(1);

	private final CountDownLatch answer = new CountDownLatch(1);

	/** The query's answer, the given value, held until every client waits. */
	<T> Answer<T> held(T value) {
		return (invocation) -> {
			this.queried.countDown();
			// InfluxDB is slow to answer: every other client has asked by the time it does
			assertThat(this.answer.await(60, TimeUnit.SECONDS)).isTrue();
			return value;
		};
	}

	/** Every client makes the request; each answer is a 200 whose body contains the expected text. */
	void ask(MockMvc mvc, String request, String expected) throws Exception {
		List<Thread> threads = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(CLIENTS, (task) -> {
			Thread thread = new Thread(task, "client-" + threads.size());
			threads.add(thread);
			return thread;
		});
		try {
			List<Future<MvcResult>> results = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				results.add(pool.submit(() -> mvc.perform(get(request)).andReturn()));
			}
			assertThat(this.queried.await(60, TimeUnit.SECONDS)).isTrue();
			// the query under way holds one client; the others wait, for the cache or (were it not
			// for the cache) for a query of their own
			Set<Thread.State> waiting = EnumSet.of(Thread.State.BLOCKED, Thread.State.WAITING,
					Thread.State.TIMED_WAITING);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> threads.size() == CLIENTS
						&& threads.stream().allMatch((thread) -> waiting.contains(thread.getState())));
			this.answer.countDown();

			for (Future<MvcResult> result : results) {
				MvcResult done = result.get(60, TimeUnit.SECONDS);
				assertThat(done.getResponse().getStatus()).isEqualTo(200);
				assertThat(done.getResponse().getContentAsString()).contains(expected);
			}
		}
		finally {
			this.answer.countDown();
			pool.shutdownNow();
		}
	}

}
