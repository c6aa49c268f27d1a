package io.cryptoviz.e2e.reliability;

import java.time.Duration;

import io.cryptoviz.devstack.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Steps the fault scenarios share. */
final class FaultScenarios {

	private FaultScenarios() {
	}

	/**
	 * Freezes CoinGecko's prices and waits until the producer has polled the frozen answer a few
	 * times: it then has nothing more to publish, and its count of published ticks is final.
	 * @return ticks the producer published (acknowledged by Kafka)
	 */
	static long stopTicksAndCount(FaultPipeline pipeline, ServiceProcess producer) throws Exception {
		pipeline.prices.freeze();
		int polls = pipeline.coinGecko.requests().size();
		await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.coinGecko.requests().size() >= polls + 5);
		return (long) pipeline.counter(producer, "crypto_ticks_published_total");
	}

	/** Waits until the consumer has committed everything and InfluxDB holds a point per tick. */
	static void awaitDrained(FaultPipeline pipeline, long atLeast) {
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> pipeline.lag() == 0
				&& Ledger.pointsIn(pipeline.influx).size() >= atLeast);
	}

	static void assertExactlyOnce(Ledger.Outcome outcome) {
		assertThat(outcome.sent()).as("ticks sent").isPositive();
		assertThat(outcome.lost()).as("ticks lost").isZero();
		assertThat(outcome.duplicated()).as("ticks stored twice").isZero();
		assertThat(outcome.corrupted()).as("points whose price differs from the tick's").isZero();
		assertThat(outcome.stored()).as("one point per tick on the topic").hasSameSizeAs(outcome.inTopic());
	}

}
