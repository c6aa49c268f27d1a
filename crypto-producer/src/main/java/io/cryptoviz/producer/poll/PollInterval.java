package io.cryptoviz.producer.poll;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;

/**
 * {@code cryptoviz.producer.poll-interval}: {@code auto}, the cadence the CoinGecko plan allows, or a
 * duration ({@code 30s}, {@code PT5M}).
 *
 * @param fixed the configured interval; empty for {@code auto}
 */
public record PollInterval(@Nullable Duration fixed) {

	public static final PollInterval AUTO = new PollInterval(null);

	public PollInterval {
		if (fixed != null && (fixed.isNegative() || fixed.isZero())) {
			throw new IllegalArgumentException("poll-interval must be auto or a positive duration, was " + fixed);
		}
	}

	/** Spring's conversion calls this for the property's text. */
	public static PollInterval valueOf(String text) {
		String value = text.strip();
		if (value.equalsIgnoreCase("auto")) {
			return AUTO;
		}
		try {
			return new PollInterval(DurationStyle.detectAndParse(value));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"poll-interval must be auto or a duration such as 30s, 5m or PT5M, was '" + value + "'", ex);
		}
	}

	public static PollInterval of(Duration fixed) {
		return new PollInterval(fixed);
	}

	public boolean isAuto() {
		return this.fixed == null;
	}

	/** As a user writes it: {@code auto}, {@code 10s}, {@code 5m}, {@code 1500ms}. */
	@Override
	public String toString() {
		if (isAuto()) {
			return "auto";
		}
		long millis = this.fixed.toMillis();
		if (millis % 3_600_000 == 0) {
			return (millis / 3_600_000) + "h";
		}
		if (millis % 60_000 == 0) {
			return (millis / 60_000) + "m";
		}
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

}
