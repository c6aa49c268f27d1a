package io.cryptoviz.e2e.reliability;

import java.time.Duration;
import java.util.Map;

import io.cryptoviz.devstack.ServiceProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * Scenario 3: the Kafka broker restarts while the producer publishes, once gracefully and once
 * killed as a crash would: every tick the producer had acknowledged is stored.
 */
@Tag("reliability")
class KafkaRestartFaultIT {

	@Test
	void whenTheBrokerRestartsWhileTheProducerPublishesThenEveryAcknowledgedTickIsStored() throws Exception {
		try (FaultPipeline pipeline = new FaultPipeline("kafka-restart")) {
			pipeline.consumer(Map.of());
			ServiceProcess producer = pipeline.producer(Map.of());
			awaitMorePoints(pipeline, 25);

			pipeline.kafka.stop();
			pipeline.kafka.start();
			awaitMorePoints(pipeline, 25);
			pipeline.kafka.kill();
			pipeline.kafka.start();
			awaitMorePoints(pipeline, 25);

			long sent = FaultScenarios.stopTicksAndCount(pipeline, producer);
			FaultScenarios.awaitDrained(pipeline, sent);
			Ledger.Outcome outcome = pipeline.outcome("3. Kafka broker restarted (graceful, then killed)", sent)
				.record("%.0f ticks Kafka did not acknowledge during the restarts (not accepted, not counted)"
					.formatted(pipeline.counter(producer, "crypto_ticks_unacknowledged_total")));

			FaultScenarios.assertExactlyOnce(outcome);
		}
	}

	private static void awaitMorePoints(FaultPipeline pipeline, int more) {
		int now = Ledger.pointsIn(pipeline.influx).size();
		await().atMost(Duration.ofSeconds(90))
			.until(() -> Ledger.pointsIn(pipeline.influx).size() >= now + more);
	}

}
