package io.cryptoviz.producer.source;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A price source could not answer. The kind says what the poller should make of it; its message
 * is one line fit for the log.
 */
public class PriceSourceException extends RuntimeException {

	private final Kind kind;

	private final @Nullable Duration retryAfter;

	public PriceSourceException(Kind kind, String message, @Nullable Duration retryAfter, @Nullable Throwable cause) {
		super(message, cause);
		this.kind = kind;
		this.retryAfter = retryAfter;
	}

	public PriceSourceException(Kind kind, String message) {
		this(kind, message, null, null);
	}

	public Kind kind() {
		return this.kind;
	}

	/** How long the source asked us to wait ({@code Retry-After}), if it said. */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

	public enum Kind {

		/** 429: too many requests. */
		RATE_LIMITED,

		/** The plan's monthly credits are used up (CoinGecko's error 10006): no use asking again soon. */
		QUOTA_EXHAUSTED,

		/** 5xx, timeouts, connection failures. */
		UNAVAILABLE,

		/** 401, 403 and other 4xx: the request or its key was refused. */
		REJECTED,

		/** A 200 whose body is not the JSON we asked for. */
		MALFORMED,

		/** Interrupted while waiting for a turn in the call budget (the producer is stopping). */
		INTERRUPTED;

		/** Lower-case name, for meter tags. */
		public String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
