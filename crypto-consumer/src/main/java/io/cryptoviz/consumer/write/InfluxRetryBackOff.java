package io.cryptoviz.consumer.write;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.cryptoviz.http.DoublingBackOff;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * The wait between attempts at a batch that InfluxDB could not take: a {@link DoublingBackOff}
 * from the initial interval up to the maximum, never giving up, and never shorter than a
 * {@code Retry-After} InfluxDB sent.
 */
public class InfluxRetryBackOff implements BackOff {

	private final DoublingBackOff doubling;

	private final RetryAfterHint retryAfter;

	public InfluxRetryBackOff(Duration initial, Duration max, RetryAfterHint retryAfter) {
		this.doubling = new DoublingBackOff(initial, max);
		this.retryAfter = retryAfter;
	}

	@Override
	public BackOffExecution start() {
		AtomicInteger failures = new AtomicInteger();
		return () -> Math.max(this.doubling.after(failures.incrementAndGet()).toMillis(),
				this.retryAfter.remaining().toMillis());
	}

}
