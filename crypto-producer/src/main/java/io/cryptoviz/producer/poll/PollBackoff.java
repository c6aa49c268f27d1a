package io.cryptoviz.producer.poll;

import java.time.Duration;
import java.util.Optional;

import io.cryptoviz.http.DoublingBackOff;

/**
 * How long to wait after failed polls: the source's {@code Retry-After} when it gave one, otherwise the
 * poll interval doubled per consecutive failure, capped; never less than the poll interval, so a failing
 * source is never asked more often than a working one.
 */
final class PollBackoff {

	private final Duration max;

	private int consecutiveFailures;

	PollBackoff(Duration max) {
		this.max = max;
	}

	/** Records a failure and returns how long to wait before the next attempt. */
	Duration failed(Optional<Duration> retryAfter, Duration interval) {
		this.consecutiveFailures++;
		Duration wait = retryAfter.orElseGet(() -> exponential(interval));
		return (wait.compareTo(interval) < 0) ? interval : wait;
	}

	void succeeded() {
		this.consecutiveFailures = 0;
	}

	int consecutiveFailures() {
		return this.consecutiveFailures;
	}

	private Duration exponential(Duration interval) {
		Duration cap = (this.max.compareTo(interval) > 0) ? this.max : interval;
		return new DoublingBackOff(interval, cap).after(this.consecutiveFailures);
	}

}
