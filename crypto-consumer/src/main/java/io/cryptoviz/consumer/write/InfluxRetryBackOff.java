package io.cryptoviz.consumer.write;

import java.time.Duration;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * The wait between attempts at a batch that InfluxDB could not take: doubling from the initial
 * interval up to the maximum, never giving up, and never shorter than a {@code Retry-After}
 * InfluxDB sent.
 */
public class InfluxRetryBackOff implements BackOff {

	private final Duration initial;

	private final Duration max;

	private final RetryAfterHint retryAfter;

	public InfluxRetryBackOff(Duration initial, Duration max, RetryAfterHint retryAfter) {
		this.initial = initial;
		this.max = max;
		this.retryAfter = retryAfter;
	}

	@Override
	public BackOffExecution start() {
		return new BackOffExecution() {

			private long nextMillis = InfluxRetryBackOff.this.initial.toMillis();

			@Override
			public long nextBackOff() {
				long exponential = this.nextMillis;
				this.nextMillis = Math.min(this.nextMillis * 2, InfluxRetryBackOff.this.max.toMillis());
				return Math.max(exponential, InfluxRetryBackOff.this.retryAfter.remaining().toMillis());
			}

		};
	}

}
