package io.cryptoviz.http;

import java.time.Duration;

/**
 * The wait before retrying a service that could not answer: the first wait, doubled with each
 * further consecutive failure, up to a cap. The consumer's writes to InfluxDB, the producer's polls
 * and the backfill's requests to CoinGecko all back off by it; a {@code Retry-After} the service sent
 * is each caller's to weigh against it.
 * @param first the wait after the first failure
 * @param max the longest wait; a first wait above it is cut to it
 */
public record DoublingBackOff(Duration first, Duration max) {

	/** The wait after this many consecutive failures, counting from 1. */
	public Duration after(int failures) {
		// past 2^30 the cap has long been reached, and the shift would overflow
		int doublings = Math.min(Math.max(failures - 1, 0), 30);
		Duration wait = this.first.multipliedBy(1L << doublings);
		return (wait.compareTo(this.max) > 0) ? this.max : wait;
	}

}
