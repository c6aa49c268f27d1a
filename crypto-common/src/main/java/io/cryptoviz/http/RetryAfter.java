package io.cryptoviz.http;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Reads an HTTP {@code Retry-After} header (RFC 9110): a number of seconds or an HTTP date. A
 * date in the past waits nothing; a value that is neither is no advice at all.
 */
public final class RetryAfter {

	private RetryAfter() {
	}

	/** How long the header asks to wait, measured from now on the clock; empty when absent or unreadable. */
	public static Optional<Duration> parse(@Nullable String value, Clock clock) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		String text = value.strip();
		try {
			return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(text))));
		}
		catch (NumberFormatException notSeconds) {
			try {
				Instant at = DateTimeFormatter.RFC_1123_DATE_TIME.parse(text, Instant::from);
				Duration wait = Duration.between(clock.instant(), at);
				return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
			}
			catch (DateTimeException notADate) {
				return Optional.empty();
			}
		}
	}

}
