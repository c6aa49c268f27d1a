package io.cryptoviz.api.series;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.DateTimeException;
import java.time.temporal.ChronoUnit;

import io.cryptoviz.api.problem.InvalidParameterException;
import org.jspecify.annotations.Nullable;

/**
 * A time range, {@code from} inclusive, {@code to} exclusive, parsed from ISO-8601 date-times
 * with an offset ({@code 2025-10-31T10:30:00Z}, {@code 2025-10-31T12:30:00+02:00}) or dates
 * ({@code 2025-10-31}, midnight UTC), between 1970 and 2200.
 *
 * @param from start, inclusive
 * @param to end, exclusive
 */
record TimeRange(Instant from, Instant to) {

	static final Instant EARLIEST = Instant.EPOCH;

	static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

	/** The range when neither end is given: the last 24 hours. */
	static final Duration DEFAULT_LENGTH = Duration.ofDays(1);

	private static final int MAX_LENGTH = 64;

	/**
	 * Parses a range; {@code to} defaults to now, {@code from} to 24 hours before {@code to}.
	 * @throws InvalidParameterException naming the parameter that is malformed, out of bounds,
	 * or (for an inverted or empty range) {@code from}
	 */
	static TimeRange parse(@Nullable String from, @Nullable String to, Clock clock) {
		Instant end = (to != null && !to.isBlank()) ? parseInstant("to", to)
				: clock.instant().truncatedTo(ChronoUnit.MILLIS);
		Instant start = (from != null && !from.isBlank()) ? parseInstant("from", from)
				: end.minus(DEFAULT_LENGTH).isBefore(EARLIEST) ? EARLIEST : end.minus(DEFAULT_LENGTH);
		if (!start.isBefore(end)) {
			throw new InvalidParameterException("from",
					"from (" + start + ") must be before to (" + end + "): the range is empty or inverted.");
		}
		return new TimeRange(start, end);
	}

	static Instant parseInstant(String parameter, String value) {
		String text = value.strip();
		if (text.length() > MAX_LENGTH) {
			throw malformed(parameter, value);
		}
		Instant instant;
		try {
			instant = (text.length() == 10) ? LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE)
				.atStartOfDay(ZoneOffset.UTC)
				.toInstant() : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
		}
		catch (DateTimeException ex) {
			throw malformed(parameter, value);
		}
		if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
			throw new InvalidParameterException(parameter, parameter + " " + InvalidParameterException.shown(value)
					+ " is out of bounds: it must be between " + EARLIEST + " and " + LATEST + ".");
		}
		// InfluxDB stores milliseconds: finer digits would only make bucket edges surprising
		return instant.truncatedTo(ChronoUnit.MILLIS);
	}

	Duration length() {
		return Duration.between(this.from, this.to);
	}

	private static InvalidParameterException malformed(String parameter, String value) {
		return new InvalidParameterException(parameter, parameter + " " + InvalidParameterException.shown(value)
				+ " is not an ISO-8601 date-time with offset (e.g. 2025-10-31T10:30:00Z) or date (2025-10-31).");
	}

}
