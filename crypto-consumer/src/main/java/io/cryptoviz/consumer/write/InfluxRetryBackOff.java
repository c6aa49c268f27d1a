package io.cryptoviz.consumer.write;

import java.time.Duration;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The wait between attempts at a batch that InfluxDB could not take: Spring's doubling back-off
 * from the initial interval up to the maximum, never giving up, and never shorter than a
 * {@code Retry-After} InfluxDB sent.
 */
public class InfluxRetryBackOff implements BackOff {

	private final ExponentialBackOff doubling;

	private final RetryAfterHint retryAfter;

	public InfluxRetryBackOff(Duration initial, Duration max, RetryAfterHint retryAfter) {
		this.doubling = new ExponentialBackOff(initial.toMillis(), 2.0);
		this.doubling.setMaxInterval(max.toMillis());
		this.doubling.setMaxAttempts(Long.MAX_VALUE);
		this.retryAfter = retryAfter;
	}

	@Override
	public BackOffExecution start() {
		BackOffExecution attempts = this.doubling.start();
		return () -> Math.max(attempts.nextBackOff(), this.retryAfter.remaining().toMillis());
	}

}
