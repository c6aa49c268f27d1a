package io.cryptoviz.e2e.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cryptoviz.devstack.ServiceProcess;
import io.cryptoviz.testsupport.FaultyHttpProxy.Fault;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 2: InfluxDB answers with errors for a while (500s, 503 with Retry-After, connections
 * reset, requests and answers slower than the write timeout), then recovers.
 */
@Tag("reliability")
class InfluxErrorsFaultIT {

	@Test
	void whenInfluxDbFailsInEveryWayThenEveryTickIsStoredOnceAndNoneIsDeadLettered() throws Exception {
		try (FaultPipeline pipeline = new FaultPipeline("influx-errors")) {
			ServiceProcess consumer = pipeline.consumer(Map.of());
			ServiceProcess producer = pipeline.producer(Map.of());
			await().atMost(Duration.ofSeconds(60)).until(() -> Ledger.pointsIn(pipeline.influx).size() >= 25);

			// slow answers outlast the consumer's 2 s write timeout: InfluxDB has stored the points the
			// consumer writes again, and the second write overwrites them
			for (Fault fault : List.of(Fault.status(500), Fault.status(503, 2), Fault.reset(),
					Fault.slow(Duration.ofSeconds(3)), Fault.slowAnswer(Duration.ofSeconds(3)))) {
				int before = pipeline.influxProxy.faultsInjected();
				pipeline.influxProxy.inject(fault);
				// each fault meets several write attempts before the next one
				await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.influxProxy.faultsInjected() >= before + 3);
			}
			pipeline.influxProxy.inject(Fault.NONE);

			long sent = FaultScenarios.stopTicksAndCount(pipeline, producer);
			FaultScenarios.awaitDrained(pipeline, sent);
			long deadLettered = pipeline.endOffsets("crypto-prices-dlt");
			double failedWrites = pipeline.counter(consumer, "crypto_influx_write_failures_total");
			Ledger.Outcome outcome = pipeline.outcome("2. InfluxDB answers 500, 503 + Retry-After, resets, slow requests and answers", sent)
				.record("%d faults injected, %d failed writes retried, %d dead-lettered"
					.formatted(pipeline.influxProxy.faultsInjected(), (long) failedWrites, deadLettered));

			FaultScenarios.assertExactlyOnce(outcome);
			assertThat(deadLettered).as("records dead-lettered").isZero();
			assertThat(failedWrites).as("failed writes that were retried").isGreaterThanOrEqualTo(12);
		}
	}

}
