package io.cryptoviz.e2e.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cryptoviz.devstack.ServiceProcess;
import io.cryptoviz.testsupport.FaultyHttpProxy.Fault;
import io.cryptoviz.testsupport.KafkaTestClients;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 4: the consumer is killed (SIGKILL, no graceful shutdown) in the middle of a backlog
 * and started again: the uncommitted batches are delivered again and overwrite themselves. The
 * kill must land between a write InfluxDB stored and the commit of its offsets, the window where
 * a crash makes Kafka deliver stored ticks again; a kill that missed it is tried again.
 */
@Tag("reliability")
class ConsumerCrashFaultIT {

	static final int TICKS = 20_000;

	/** Kills at the most, each after 2,000 more points: the backlog outlasts them all. */
	static final int MAX_KILLS = 5;

	@Test
	void whenTheConsumerIsKilledMidStreamThenARestartStoresEveryTickOnce() throws Exception {
		try (FaultPipeline pipeline = new FaultPipeline("consumer-crash")) {
			KafkaTestClients.publish(pipeline.kafka.bootstrapServers(), FaultPipeline.TOPIC, ticks(TICKS));
			Map<String, String> smallBatches = Map.of("SPRING_KAFKA_CONSUMER_MAX_POLL_RECORDS", "500");

			// InfluxDB stores at once but its answer takes a while: a kill then almost always lands
			// while a stored write waits for its answer, before its commit
			pipeline.influxProxy.inject(Fault.slowAnswer(Duration.ofMillis(500)));
			long storedAtCrash = 0;
			long committedAtCrash = 0;
			for (int attempt = 1; attempt <= MAX_KILLS && storedAtCrash <= committedAtCrash; attempt++) {
				ServiceProcess consumer = pipeline.consumer(smallBatches);
				long killAt = storedAtCrash + 2_000;
				await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
					.until(() -> Ledger.pointsIn(pipeline.influx).size() >= killAt);
				consumer.kill();
				storedAtCrash = Ledger.pointsIn(pipeline.influx).size();
				committedAtCrash = TICKS - pipeline.lag();
			}
			assertThat(storedAtCrash).as("points stored when the consumer was killed, against records committed")
				.isGreaterThan(committedAtCrash);
			pipeline.influxProxy.inject(Fault.NONE);

			pipeline.consumer(smallBatches);
			FaultScenarios.awaitDrained(pipeline, TICKS);
			Ledger.Outcome outcome = pipeline.outcome("4. Consumer killed (SIGKILL) mid-stream, restarted", TICKS)
				.record(("killed with %d points stored and %d records committed: %d stored but uncommitted, "
						+ "delivered again and overwritten").formatted(storedAtCrash, committedAtCrash,
								storedAtCrash - committedAtCrash));

			FaultScenarios.assertExactlyOnce(outcome);
		}
	}

	/** Distinct ticks of five coins, one per second per coin, as the producer would publish them. */
	static List<Map.Entry<String, byte[]>> ticks(int count) {
		Instant start = Instant.parse("2025-11-01T00:00:00Z");
		List<Map.Entry<String, byte[]>> ticks = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String coin = TickGenerator.COINS.get(i % TickGenerator.COINS.size());
			String json = "{\"crypto\":\"%s\",\"price_usd\":%d.25,\"price_eur\":%d.5,\"timestamp\":\"%s\",\"source\":\"coingecko\"}"
				.formatted(coin, 1000 + i, 900 + i, start.plusSeconds(i / TickGenerator.COINS.size()));
			ticks.add(Map.entry(coin, json.getBytes(StandardCharsets.UTF_8)));
		}
		return ticks;
	}

}
