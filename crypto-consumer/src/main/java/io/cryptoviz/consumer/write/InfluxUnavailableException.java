package io.cryptoviz.consumer.write;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * InfluxDB could not take a write now (5xx, 429, I/O error, unknown database, refused
 * credentials). Nothing is the records' fault: the batch is retried, never skipped.
 */
public class InfluxUnavailableException extends RuntimeException {

	private final @Nullable Duration retryAfter;

	public InfluxUnavailableException(String message, @Nullable Duration retryAfter, @Nullable Throwable cause) {
		super(message, cause);
		this.retryAfter = retryAfter;
	}

	/** How long InfluxDB asked us to wait ({@code Retry-After}), if it said. */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

}
