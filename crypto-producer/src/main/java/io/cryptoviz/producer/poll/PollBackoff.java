package io.cryptoviz.producer.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When the next poll may go out after failures: the source's {@code Retry-After} when it gave
 * one, otherwise the poll interval doubled per consecutive failure, capped.
 */
final class PollBackoff {

	private final Duration initial;

	private final Duration max;

	private final Clock clock;

	private int consecutiveFailures;

	private Instant notBefore = Instant.MIN;

	PollBackoff(Duration initial, Duration max, Clock clock) {
		this.initial = initial;
		this.max = max;
		this.clock = clock;
	}

	boolean isDue() {
		return !this.clock.instant().isBefore(this.notBefore);
	}

	/** Records a failure and returns how long to wait before the next attempt. */
	Duration failed(Optional<Duration> retryAfter) {
		this.consecutiveFailures++;
		Duration wait = retryAfter.orElseGet(this::exponential);
		this.notBefore = this.clock.instant().plus(wait);
		return wait;
	}

	void succeeded() {
		this.consecutiveFailures = 0;
		this.notBefore = Instant.MIN;
	}

	int consecutiveFailures() {
		return this.consecutiveFailures;
	}

	private Duration exponential() {
		int doublings = Math.min(this.consecutiveFailures - 1, 30);
		Duration wait = this.initial.multipliedBy(1L << doublings);
		return (wait.compareTo(this.max) > 0) ? this.max : wait;
	}

}
