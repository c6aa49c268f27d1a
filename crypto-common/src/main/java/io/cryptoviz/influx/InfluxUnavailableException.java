package io.cryptoviz.influx;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * InfluxDB cannot take this now: it is unreachable, overloaded (429, 5xx), refuses our
 * credentials, lacks the database, or answered something unreadable. Nothing is the data's
 * fault: a write is retried, never skipped; a request that needed an answer gets a 503.
 */
public class InfluxUnavailableException extends RuntimeException {

	private final int status;

	private final @Nullable Duration retryAfter;

	public InfluxUnavailableException(String message, int status, @Nullable Duration retryAfter,
			@Nullable Throwable cause) {
		super(message, cause);
		this.status = status;
		this.retryAfter = retryAfter;
	}

	/** The HTTP status InfluxDB answered, 0 when it did not answer. */
	public int status() {
		return this.status;
	}

	/** How long InfluxDB asked us to wait ({@code Retry-After}), if it said. */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

}
