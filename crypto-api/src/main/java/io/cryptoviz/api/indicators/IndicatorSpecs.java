package io.cryptoviz.api.indicators;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.cryptoviz.api.problem.InvalidParameterException;
import org.jspecify.annotations.Nullable;

/**
 * Parses the {@code indicators} parameter: a comma-separated list of {@code type:param:param},
 * {@code sma:20,ema:12,rsi:14,macd:12:26:9,bb:20:2}. Parameters left out take their usual values
 * ({@code sma} is {@code sma:20}, {@code bb:20} is {@code bb:20:2}). Every mistake is a 400 naming
 * the parameter and saying what the entry should look like.
 */
final class IndicatorSpecs {

	static final String PARAMETER = "indicators";

	static final int MAX_INDICATORS = 10;

	static final int MAX_PERIOD = 200;

	static final double MAX_WIDTH = 10;

	static final String EXAMPLE = "sma:20,ema:12,rsi:14,macd:12:26:9,bb:20:2";

	private IndicatorSpecs() {
	}

	static List<IndicatorSpec> parse(@Nullable String value) {
		if (value == null || value.isBlank()) {
			throw invalid("indicators is required: a comma-separated list such as " + EXAMPLE + ".");
		}
		String[] entries = value.split(",", -1);
		if (entries.length > MAX_INDICATORS) {
			throw invalid("indicators names " + entries.length + " indicators; at most " + MAX_INDICATORS
					+ " can be asked for at once.");
		}
		Set<IndicatorSpec> specs = new LinkedHashSet<>();
		for (String entry : entries) {
			specs.add(parseOne(entry.strip()));
		}
		return new ArrayList<>(specs);
	}

	private static IndicatorSpec parseOne(String entry) {
		if (entry.isEmpty()) {
			throw invalid("indicators must be a comma-separated list such as " + EXAMPLE + ", without empty entries.");
		}
		String[] parts = entry.split(":", -1);
		String type = parts[0].toLowerCase(Locale.ROOT);
		switch (type) {
			case "sma" -> {
				arity(entry, parts, "sma:PERIOD");
				return new IndicatorSpec.Sma(period(entry, parts, 1, 20, "PERIOD"));
			}
			case "ema" -> {
				arity(entry, parts, "ema:PERIOD");
				return new IndicatorSpec.Ema(period(entry, parts, 1, 20, "PERIOD"));
			}
			case "rsi" -> {
				arity(entry, parts, "rsi:PERIOD");
				return new IndicatorSpec.Rsi(period(entry, parts, 1, 14, "PERIOD"));
			}
			case "macd" -> {
				arity(entry, parts, "macd:FAST:SLOW:SIGNAL");
				int fast = period(entry, parts, 1, 12, "FAST");
				int slow = period(entry, parts, 2, 26, "SLOW");
				int signal = period(entry, parts, 3, 9, "SIGNAL");
				if (fast >= slow) {
					throw invalid("indicators entry " + InvalidParameterException.shown(entry)
							+ ": FAST (" + fast + ") must be shorter than SLOW (" + slow + "), as in macd:12:26:9.");
				}
				return new IndicatorSpec.Macd(fast, slow, signal);
			}
			case "bb" -> {
				arity(entry, parts, "bb:PERIOD:WIDTH");
				return new IndicatorSpec.Bollinger(period(entry, parts, 1, 20, "PERIOD"), width(entry, parts));
			}
			default -> throw invalid("indicators entry " + InvalidParameterException.shown(entry)
					+ " is not one of sma, ema, rsi, macd, bb (e.g. " + EXAMPLE + ").");
		}
	}

	private static void arity(String entry, String[] parts, String form) {
		int allowed = form.split(":").length;
		if (parts.length > allowed) {
			throw invalid("indicators entry " + InvalidParameterException.shown(entry) + " has too many parameters: "
					+ form + ".");
		}
	}

	private static int period(String entry, String[] parts, int index, int defaultValue, String name) {
		if (parts.length <= index) {
			return defaultValue;
		}
		String text = parts[index].strip();
		int period;
		try {
			period = (text.length() <= 4) ? Integer.parseInt(text) : -1;
		}
		catch (NumberFormatException ex) {
			period = -1;
		}
		if (period < 1 || period > MAX_PERIOD) {
			throw invalid("indicators entry " + InvalidParameterException.shown(entry) + ": " + name
					+ " must be a whole number of bars from 1 to " + MAX_PERIOD + ".");
		}
		return period;
	}

	private static double width(String entry, String[] parts) {
		if (parts.length <= 2) {
			return 2;
		}
		String text = parts[2].strip();
		double width;
		try {
			width = (text.length() <= 8) ? new BigDecimal(text).doubleValue() : -1;
		}
		catch (NumberFormatException ex) {
			width = -1;
		}
		if (!(width > 0 && width <= MAX_WIDTH)) {
			throw invalid("indicators entry " + InvalidParameterException.shown(entry)
					+ ": WIDTH must be a number of standard deviations above 0 and at most " + (int) MAX_WIDTH
					+ " (e.g. 2 or 2.5).");
		}
		return width;
	}

	private static InvalidParameterException invalid(String message) {
		return new InvalidParameterException(PARAMETER, message);
	}

}
