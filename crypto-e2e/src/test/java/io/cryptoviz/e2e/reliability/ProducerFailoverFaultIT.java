package io.cryptoviz.e2e.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.cryptoviz.devstack.ServiceProcess;
import io.cryptoviz.testsupport.CoinGeckoStub;
import io.cryptoviz.testsupport.CoinGeckoStub.RecordedRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 8: two producers, one active. The active one is killed (SIGKILL), or paused (SIGSTOP)
 * past its session and then resumed; the standby takes over, every refresh CoinGecko served is
 * stored once, and the two never poll at once. Each producer polls a CoinGecko stub of its own, both
 * serving the same data on a clock the test moves, so the test knows who polled what.
 */
@Tag("reliability")
class ProducerFailoverFaultIT {

	private static final int REFRESHES = 3;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void whenTheActiveProducerIsKilledThenTheStandbyTakesOverAndEveryTickIsStoredOnce() throws Exception {
		try (FaultPipeline pipeline = new FaultPipeline("producer-failover-kill");
				CoinGeckoStub secondStub = CoinGeckoStub.start()) {
			Pair producers = start(pipeline, secondStub);
			refreshAndAwaitStored(pipeline, producers.prices, REFRESHES);
			assertThat(producers.standbyStub().requests()).as("requests from the standby").isEmpty();

			// times from the signal: kill() returns once the process is gone, which takes a while
			long killed = System.nanoTime();
			Instant killedAt = Instant.now();
			producers.active().kill();
			// served while no producer polls: only the standby, once it has taken over, can publish it
			producers.prices.refresh();
			double takeover = awaitActive(producers.standby(), killed);
			awaitStored(pipeline, producers.prices);
			double firstTick = secondsSince(killed);
			refreshAndAwaitStored(pipeline, producers.prices, REFRESHES);

			List<RecordedRequest> standbyPolls = producers.standbyStub().requests();
			assertThat(standbyPolls).isNotEmpty()
				.allSatisfy((poll) -> assertThat(poll.receivedAt()).isAfter(killedAt));
			long offered = producers.prices.ticksOffered();
			Ledger.Outcome outcome = drained(pipeline, "8a. Two producers, the active one killed (SIGKILL)", offered);
			long again = recordsTwice(pipeline, outcome);
			outcome.record(("%d CoinGecko refreshes served, one of them while no producer polled; the standby, which "
					+ "had polled nothing, active %.1f s after the kill, its first tick in InfluxDB %.1f s after; %d "
					+ "records on the topic twice")
				.formatted(offered / TickGenerator.COINS.size(), takeover, firstTick, again));

			FaultScenarios.assertExactlyOnce(outcome);
		}
	}

	@Test
	void whenTheActiveProducerIsPausedPastItsSessionThenItStopsPollingAndTheStandbyTakesOver() throws Exception {
		try (FaultPipeline pipeline = new FaultPipeline("producer-failover-pause");
				CoinGeckoStub secondStub = CoinGeckoStub.start()) {
			Pair producers = start(pipeline, secondStub);
			refreshAndAwaitStored(pipeline, producers.prices, REFRESHES);
			ServiceProcess paused = producers.active();

			long stopped = System.nanoTime();
			signal("STOP", paused);
			// no refresh meanwhile: the new active instance polls the refresh the paused one published
			double takeover = awaitActive(producers.standby(), stopped);
			await().atMost(Duration.ofSeconds(30)).until(() -> !producers.standbyStub().requests().isEmpty());
			Instant resumedAt = Instant.now();
			signal("CONT", paused);
			String roleAfterResume = await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> role(paused), (role) -> !role.isEmpty());
			refreshAndAwaitStored(pipeline, producers.prices, REFRESHES);

			// a poll that had passed the gate the instant before the pause may still go out; no other may
			long pollsAfterResume = producers.activeStub()
				.requests()
				.stream()
				.filter((poll) -> poll.receivedAt().isAfter(resumedAt))
				.count();
			assertThat(roleAfterResume).as("role of the paused producer as soon as it answers").isEqualTo("standby");
			assertThat(pollsAfterResume).as("polls of the paused producer after it resumed").isLessThanOrEqualTo(1);
			assertThat(role(producers.standby())).isEqualTo("active");
			assertThat(pipeline.counter(paused, "crypto_producer_leader")).isZero();
			long offered = producers.prices.ticksOffered();
			Ledger.Outcome outcome = drained(pipeline,
					"8b. Two producers, the active one paused (SIGSTOP) past its session, then resumed", offered);
			long again = recordsTwice(pipeline, outcome);
			outcome.record(("%d CoinGecko refreshes served; the standby active %.1f s after the pause, and published "
					+ "the paused one's last refresh again (%d records on the topic twice, one point each); the paused "
					+ "one, resumed, answered as standby at once and polled %d times after")
				.formatted(offered / TickGenerator.COINS.size(), takeover, again, pollsAfterResume));

			FaultScenarios.assertExactlyOnce(outcome);
		}
	}

	/** Two producers on the same Kafka group, the first polling the pipeline's stub, the second its own. */
	private Pair start(FaultPipeline pipeline, CoinGeckoStub secondStub) {
		RefreshingPrices prices = new RefreshingPrices();
		pipeline.coinGecko.willAnswer("/simple/price", prices::answer);
		secondStub.willAnswer("/simple/price", prices::answer);
		pipeline.consumer(Map.of());
		ServiceProcess first = pipeline.producer(Map.of("CRYPTOVIZ_PRODUCER_LEADER_INSTANCE_ID", "first"));
		ServiceProcess second = pipeline.producer(Map.of("CRYPTOVIZ_PRODUCER_LEADER_INSTANCE_ID", "second",
				"CRYPTOVIZ_COINGECKO_BASE_URL", secondStub.baseUrl()));
		await().atMost(Duration.ofSeconds(60)).until(() -> "active".equals(role(first)) || "active".equals(role(second)));
		boolean firstActive = "active".equals(role(first));
		assertThat(role(firstActive ? second : first)).isEqualTo("standby");
		return new Pair(prices, first, second, pipeline.coinGecko, secondStub, firstActive);
	}

	/** Waits until the producer says it is active; returns the seconds since {@code since} ({@link System#nanoTime()}). */
	private double awaitActive(ServiceProcess producer, long since) {
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
			.until(() -> "active".equals(role(producer)));
		return secondsSince(since);
	}

	/** The ledger once every tick offered is stored and committed. */
	private static Ledger.Outcome drained(FaultPipeline pipeline, String scenario, long offered) throws Exception {
		FaultScenarios.awaitDrained(pipeline, offered);
		return pipeline.outcome(scenario, offered);
	}

	/** Records on the topic beyond one per tick: a tick published again. */
	private static long recordsTwice(FaultPipeline pipeline, Ledger.Outcome outcome) throws Exception {
		return pipeline.endOffsets(FaultPipeline.TOPIC) - outcome.inTopic().size();
	}

	private static void refreshAndAwaitStored(FaultPipeline pipeline, RefreshingPrices prices, int refreshes) {
		for (int i = 0; i < refreshes; i++) {
			prices.refresh();
			awaitStored(pipeline, prices);
		}
	}

	/** Waits until InfluxDB holds every coin's point of the refresh served now. */
	private static void awaitStored(FaultPipeline pipeline, RefreshingPrices prices) {
		long time = prices.lastUpdatedAt().toEpochMilli();
		List<String> points = TickGenerator.COINS.stream().map((coin) -> coin + "@" + time).toList();
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
			.until(() -> Ledger.pointsIn(pipeline.influx).keySet().containsAll(points));
	}

	/** The producer's role from its health ({@code active}, {@code standby}), or empty when it does not answer. */
	private String role(ServiceProcess producer) {
		try {
			String body = this.http
				.send(HttpRequest.newBuilder(URI.create(producer.url() + "/actuator/health"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
			return this.json.readTree(body).at("/components/leader/details/role").asString("");
		}
		catch (IOException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	private static void signal(String signal, ServiceProcess service) throws Exception {
		Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(service.pid())).inheritIO().start();
		assertThat(kill.waitFor()).as("kill -%s %s", signal, service.name()).isZero();
	}

	private static double secondsSince(long nanoTime) {
		return (System.nanoTime() - nanoTime) / 1e9;
	}

	private record Pair(RefreshingPrices prices, ServiceProcess first, ServiceProcess second, CoinGeckoStub firstStub,
			CoinGeckoStub secondStub, boolean firstActive) {

		ServiceProcess active() {
			return this.firstActive ? this.first : this.second;
		}

		ServiceProcess standby() {
			return this.firstActive ? this.second : this.first;
		}

		CoinGeckoStub activeStub() {
			return this.firstActive ? this.firstStub : this.secondStub;
		}

		CoinGeckoStub standbyStub() {
			return this.firstActive ? this.secondStub : this.firstStub;
		}

	}

}
