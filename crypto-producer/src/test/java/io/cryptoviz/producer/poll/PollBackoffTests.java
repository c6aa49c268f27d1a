package io.cryptoviz.producer.poll;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PollBackoffTests {

	private static final Duration INTERVAL = Duration.ofSeconds(10);

	private final PollBackoff backoff = new PollBackoff(Duration.ofMinutes(1));

	@Test
	void doublesTheIntervalPerConsecutiveFailureUpToTheCap() {
		assertThat(this.backoff.failed(Optional.empty(), INTERVAL)).hasSeconds(10);
		assertThat(this.backoff.failed(Optional.empty(), INTERVAL)).hasSeconds(20);
		assertThat(this.backoff.failed(Optional.empty(), INTERVAL)).hasSeconds(40);
		assertThat(this.backoff.failed(Optional.empty(), INTERVAL)).hasSeconds(60);
		assertThat(this.backoff.failed(Optional.empty(), INTERVAL)).hasSeconds(60);
	}

	@Test
	void waitsWhatRetryAfterSaysWhenItIsLongerThanTheInterval() {
		this.backoff.failed(Optional.empty(), INTERVAL);
		this.backoff.failed(Optional.empty(), INTERVAL);

		assertThat(this.backoff.failed(Optional.of(Duration.ofSeconds(90)), INTERVAL)).hasSeconds(90);
	}

	@Test
	void neverWaitsLessThanTheInterval() {
		assertThat(this.backoff.failed(Optional.of(Duration.ofSeconds(2)), INTERVAL)).hasSeconds(10);
		assertThat(this.backoff.failed(Optional.empty(), Duration.ofMinutes(5))).hasMinutes(5);
	}

	@Test
	void startsOverAfterASuccess() {
		this.backoff.failed(Optional.empty(), INTERVAL);
		this.backoff.failed(Optional.empty(), INTERVAL);

		this.backoff.succeeded();

		assertThat(this.backoff.consecutiveFailures()).isZero();
		assertThat(this.backoff.failed(Optional.empty(), INTERVAL)).hasSeconds(10);
	}

}
