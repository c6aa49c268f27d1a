package io.cryptoviz.e2e.reliability;

import java.time.Duration;
import java.util.Map;

import io.cryptoviz.devstack.ServiceProcess;
import io.cryptoviz.testsupport.KafkaTestClients;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 7: each service is stopped (SIGTERM, as an orchestrator stops it) in the middle of its
 * work. The producer lets its poll finish and flushes; the consumer finishes its write and commits
 * it, so nothing it stored is delivered again and nothing it committed is missing.
 */
@Tag("reliability")
class GracefulShutdownFaultIT {

	@Test
	void whenTheProducerIsStoppedWhilePublishingThenEveryTickItAcknowledgedIsStored() throws Exception {
		try (FaultPipeline pipeline = new FaultPipeline("graceful-producer")) {
			pipeline.consumer(Map.of());
			ServiceProcess producer = pipeline.producer(Map.of());
			await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.endOffsets(FaultPipeline.TOPIC) >= 100);

			long acknowledged = (long) pipeline.counter(producer, "crypto_ticks_published_total");
			producer.stop();
			assertThat(producer.tailOfLog(200)).doesNotContain("did not acknowledge").doesNotContain("Exception");

			FaultScenarios.awaitDrained(pipeline, acknowledged);
			Ledger.Outcome outcome = pipeline.outcome("7a. Producer stopped (SIGTERM) while publishing", acknowledged)
				.record("%d ticks acknowledged before the stop was asked; %d on the topic after it"
					.formatted(acknowledged, pipeline.endOffsets(FaultPipeline.TOPIC)));

			FaultScenarios.assertExactlyOnce(outcome);
		}
	}

	@Test
	void whenTheConsumerIsStoppedMidStreamThenItCommitsWhatItStoredAndARestartFinishesTheRest() throws Exception {
		try (FaultPipeline pipeline = new FaultPipeline("graceful-consumer")) {
			int ticks = ConsumerCrashFaultIT.TICKS;
			KafkaTestClients.publish(pipeline.kafka.bootstrapServers(), FaultPipeline.TOPIC,
					ConsumerCrashFaultIT.ticks(ticks));
			Map<String, String> smallBatches = Map.of("SPRING_KAFKA_CONSUMER_MAX_POLL_RECORDS", "500");

			ServiceProcess first = pipeline.consumer(smallBatches);
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
				.until(() -> Ledger.pointsIn(pipeline.influx).size() >= 2_000);
			first.stop();
			long committed = ticks - pipeline.lag();
			long stored = Ledger.pointsIn(pipeline.influx).size();

			pipeline.consumer(smallBatches);
			FaultScenarios.awaitDrained(pipeline, ticks);
			Ledger.Outcome outcome = pipeline.outcome("7b. Consumer stopped (SIGTERM) mid-stream, restarted", ticks)
				.record("at the stop: %d records committed, %d points stored".formatted(committed, stored));

			assertThat(stored).as("points stored when the consumer stopped").isEqualTo(committed);
			assertThat(committed).isLessThan(ticks);
			FaultScenarios.assertExactlyOnce(outcome);
		}
	}

}
