package io.cryptoviz.e2e.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.cryptoviz.devstack.ServiceProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Scenario 1: InfluxDB stopped for 30 s while ticks flow, then started again. */
@Tag("reliability")
class InfluxOutageFaultIT {

	@Test
	void whenInfluxDbIsStoppedFor30SecondsWhileTicksFlowThenEveryTickIsStoredOnce() throws Exception {
		try (FaultPipeline pipeline = new FaultPipeline("influx-outage")) {
			pipeline.consumer(Map.of());
			ServiceProcess producer = pipeline.producer(Map.of());
			await().atMost(Duration.ofSeconds(60)).until(() -> Ledger.pointsIn(pipeline.influx).size() >= 50);

			pipeline.influx.stop();
			Instant stopped = Instant.now();
			double publishedBefore = pipeline.counter(producer, "crypto_ticks_published_total");
			await().atMost(Duration.ofSeconds(90))
				.until(() -> Duration.between(stopped, Instant.now()).toSeconds() >= 30);
			double publishedDuringOutage = pipeline.counter(producer, "crypto_ticks_published_total") - publishedBefore;
			pipeline.influx.start();

			long sent = FaultScenarios.stopTicksAndCount(pipeline, producer);
			FaultScenarios.awaitDrained(pipeline, sent);
			Ledger.Outcome outcome = pipeline.outcome("1. InfluxDB stopped for 30 s while ticks flow", sent)
				.record("%d ticks published while InfluxDB was down".formatted((long) publishedDuringOutage));

			assertThat(publishedDuringOutage).isPositive();
			FaultScenarios.assertExactlyOnce(outcome);
		}
	}

}
