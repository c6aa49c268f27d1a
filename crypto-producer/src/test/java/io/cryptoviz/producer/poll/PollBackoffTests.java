package io.cryptoviz.producer.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.cryptoviz.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PollBackoffTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2025-10-31T10:00:00Z"));

	private final PollBackoff backoff = new PollBackoff(Duration.ofSeconds(10), Duration.ofMinutes(1), this.clock);

	@Test
	void isDueBeforeAnyFailure() {
		assertThat(this.backoff.isDue()).isTrue();
	}

	@Test
	void doublesTheWaitPerConsecutiveFailureUpToTheCap() {
		assertThat(this.backoff.failed(Optional.empty())).hasSeconds(10);
		assertThat(this.backoff.failed(Optional.empty())).hasSeconds(20);
		assertThat(this.backoff.failed(Optional.empty())).hasSeconds(40);
		assertThat(this.backoff.failed(Optional.empty())).hasSeconds(60);
		assertThat(this.backoff.failed(Optional.empty())).hasSeconds(60);
	}

	@Test
	void waitsExactlyWhatRetryAfterSays() {
		this.backoff.failed(Optional.empty());
		this.backoff.failed(Optional.empty());

		assertThat(this.backoff.failed(Optional.of(Duration.ofSeconds(90)))).hasSeconds(90);
	}

	@Test
	void isNotDueUntilTheWaitIsOver() {
		this.backoff.failed(Optional.of(Duration.ofSeconds(60)));

		this.clock.advance(Duration.ofSeconds(59));
		assertThat(this.backoff.isDue()).isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.backoff.isDue()).isTrue();
	}

	@Test
	void startsOverAfterASuccess() {
		this.backoff.failed(Optional.empty());
		this.backoff.failed(Optional.empty());

		this.backoff.succeeded();

		assertThat(this.backoff.isDue()).isTrue();
		assertThat(this.backoff.failed(Optional.empty())).hasSeconds(10);
	}

}
