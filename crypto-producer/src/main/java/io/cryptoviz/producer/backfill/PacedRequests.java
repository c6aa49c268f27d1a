package io.cryptoviz.producer.backfill;

import java.time.Duration;
import java.util.function.Supplier;

import io.cryptoviz.http.DoublingBackOff;
import io.cryptoviz.producer.source.PriceSourceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries a request to CoinGecko again after a rate limit (waiting {@code Retry-After} when given, a
 * doubling back-off otherwise), a 5xx, a timeout or a connection failure, a bounded number of times. A
 * request CoinGecko refuses (4xx), answers with something unreadable, or refuses for want of monthly
 * credits is not tried again: it would fail the same way. The pacing is the call budget's, which every
 * request waits for.
 */
final class PacedRequests {

	private static final Logger logger = LoggerFactory.getLogger(PacedRequests.class);

	private final BackfillProperties properties;

	private final Sleeper sleeper;

	private int requests;

	private int retries;

	PacedRequests(BackfillProperties properties, Sleeper sleeper) {
		this.properties = properties;
		this.sleeper = sleeper;
	}

	/**
	 * The request's answer, after as many attempts as it takes and is allowed.
	 * @param what what is asked for, for log lines and the error
	 * @throws BackfillException when the request fails for good
	 */
	<T> T call(String what, Supplier<T> request) {
		int attempt = 0;
		while (true) {
			this.requests++;
			try {
				return request.get();
			}
			catch (PriceSourceException ex) {
				switch (ex.kind()) {
					case REJECTED, MALFORMED, QUOTA_EXHAUSTED ->
						throw BackfillException.failed(what + ": " + ex.getMessage());
					case INTERRUPTED -> throw BackfillException.failed("interrupted");
					case RATE_LIMITED, UNAVAILABLE -> {
						if (attempt >= this.properties.maxRetries()) {
							throw BackfillException.failed(what + ": " + ex.getMessage() + "; gave up after "
									+ attempt + ((attempt == 1) ? " retry" : " retries")
									+ " (cryptoviz.producer.backfill.max-retries)");
						}
						attempt++;
						this.retries++;
						Duration wait = ex.retryAfter().orElseGet(backoff(attempt));
						logger.warn("{}: {}; retry {} of {} in {}", what, ex.getMessage(), attempt,
								this.properties.maxRetries(), BackfillProgress.duration(wait));
						pause(wait);
					}
				}
			}
		}
	}

	int requests() {
		return this.requests;
	}

	int retries() {
		return this.retries;
	}

	private Supplier<Duration> backoff(int attempt) {
		return () -> new DoublingBackOff(this.properties.retryInitialInterval(), this.properties.retryMaxInterval())
			.after(attempt);
	}

	private void pause(Duration wait) {
		try {
			this.sleeper.sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw BackfillException.failed("interrupted");
		}
	}

	/** Waits; {@code Thread::sleep} outside tests. */
	@FunctionalInterface
	interface Sleeper {

		void sleep(Duration duration) throws InterruptedException;

	}

}
