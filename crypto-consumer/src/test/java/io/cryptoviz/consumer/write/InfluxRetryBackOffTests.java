package io.cryptoviz.consumer.write;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;

class InfluxRetryBackOffTests {

	private final RetryAfterHint retryAfter = new RetryAfterHint(
			Clock.fixed(Instant.parse("2025-10-31T10:30:00Z"), ZoneOffset.UTC));

	private final InfluxRetryBackOff backOff = new InfluxRetryBackOff(Duration.ofMillis(500), Duration.ofSeconds(30),
			this.retryAfter);

	@Test
	void doublesFromTheInitialIntervalUpToTheMaximumAndNeverGivesUp() {
		BackOffExecution attempts = this.backOff.start();

		assertThat(attempts.nextBackOff()).isEqualTo(500);
		assertThat(attempts.nextBackOff()).isEqualTo(1000);
		for (int i = 0; i < 100; i++) {
			attempts.nextBackOff();
		}
		assertThat(attempts.nextBackOff()).isEqualTo(30_000);
	}

	@Test
	void waitsAtLeastWhatInfluxDbAskedForInRetryAfter() {
		this.retryAfter.waitAtLeast(Duration.ofSeconds(7));

		assertThat(this.backOff.start().nextBackOff()).isEqualTo(7_000);
	}

	@Test
	void eachBatchStartsAgainFromTheInitialInterval() {
		BackOffExecution first = this.backOff.start();
		first.nextBackOff();
		first.nextBackOff();

		assertThat(this.backOff.start().nextBackOff()).isEqualTo(500);
	}

}
