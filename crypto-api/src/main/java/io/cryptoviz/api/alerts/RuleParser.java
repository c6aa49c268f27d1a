package io.cryptoviz.api.alerts;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;

import io.cryptoviz.api.problem.InvalidParameterException;
import io.cryptoviz.api.problem.InvalidRuleException;
import io.cryptoviz.tick.PriceTick;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads an alert rule a client (or the configuration) wrote, field by field: every mistake is a 400
 * naming the field. Numbers may be JSON numbers or strings (the configuration's values are strings).
 */
final class RuleParser {

	static final Set<String> FIELDS = Set.of("id", "coin", "condition", "level", "currency", "percent", "window",
			"direction", "period", "interval", "rearm", "margin_pct", "webhook");

	private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

	private static final java.util.regex.Pattern SHORT_DURATION = java.util.regex.Pattern.compile("(\\d{1,5})([mhd])");

	private static final List<String> INTERVALS = List.of("1m", "5m", "15m", "1h", "4h", "1d");

	static final Duration MIN_WINDOW = Duration.ofMinutes(1);

	static final Duration MAX_WINDOW = Duration.ofDays(7);

	private RuleParser() {
	}

	/**
	 * @param id the rule's id when it is known apart from the fields (the configuration's key), else
	 * {@code null}: the field, or a new id
	 * @param origin {@code api} or {@code configuration}
	 */
	static AlertRule parse(JsonNode fields, @Nullable String id, Instant now, String origin) {
		if (fields == null || !fields.isObject()) {
			throw new InvalidRuleException("body", "An alert rule is a JSON object, such as "
					+ "{\"coin\":\"bitcoin\",\"condition\":\"price_above\",\"level\":100000}.");
		}
		for (String name : fields.propertyNames()) {
			if (!FIELDS.contains(name)) {
				throw new InvalidRuleException(name, "Unknown field " + InvalidParameterException.shown(name)
						+ ": a rule has " + String.join(", ", FIELDS.stream().sorted().toList()) + ".");
			}
		}
		String ruleId = (id != null) ? id : text(fields, "id");
		if (ruleId == null) {
			ruleId = UUID.randomUUID().toString();
		}
		else if (!ID.matcher(ruleId).matches()) {
			throw new InvalidRuleException("id", "id " + InvalidParameterException.shown(ruleId)
					+ " must be 1 to 64 lower-case letters, digits, '-' or '_', starting with a letter or digit.");
		}
		String coin = required(fields, "coin", "the coin id, such as bitcoin");
		if (!PriceTick.isCoinId(coin)) {
			throw new InvalidRuleException("coin", "coin " + InvalidParameterException.shown(coin)
					+ " is not a coin id (lower-case letters, digits and '-').");
		}
		String condition = oneOf(fields, "condition", null, "price_above", "price_below", "move", "rsi_cross");
		String currency = oneOf(fields, "currency", "usd", "usd", "eur");
		Double level = null;
		Double percent = null;
		String window = null;
		String direction = null;
		Integer period = null;
		String interval = null;
		switch (condition) {
			case "price_above", "price_below" -> {
				level = positive(fields, "level", Double.MAX_VALUE, "the price, in the currency");
				forbid(fields, condition, "percent", "window", "direction", "period", "interval");
			}
			case "move" -> {
				percent = positive(fields, "percent", 1000, "the least move in percent, such as 5");
				Duration length = duration(required(fields, "window", "how long the move may take, such as 1h"),
						"window");
				window = text(fields, "window").strip();
				if (length.compareTo(MIN_WINDOW) < 0 || length.compareTo(MAX_WINDOW) > 0) {
					throw new InvalidRuleException("window", "window " + InvalidParameterException.shown(window)
							+ " must be from 1m to 7d.");
				}
				direction = oneOf(fields, "direction", "any", "up", "down", "any");
				forbid(fields, condition, "level", "period", "interval");
			}
			default -> {
				level = number(fields, "level", "the RSI level, such as 70");
				if (level == null || level <= 0 || level >= 100) {
					throw new InvalidRuleException("level", "level must be an RSI level above 0 and below 100, such as 70.");
				}
				direction = oneOf(fields, "direction", null, "up", "down");
				Double periodValue = number(fields, "period", null);
				period = (periodValue != null) ? periodValue.intValue() : 14;
				if (periodValue != null && (periodValue != Math.rint(periodValue) || period < 2 || period > 200)) {
					throw new InvalidRuleException("period", "period must be a whole number of candles from 2 to 200.");
				}
				interval = oneOf(fields, "interval", "1h", INTERVALS.toArray(String[]::new));
				forbid(fields, condition, "percent", "window");
			}
		}
		String rearm = oneOf(fields, "rearm", "hysteresis", "hysteresis", "once");
		Double margin = number(fields, "margin_pct", null);
		if (margin != null && (margin < 0 || margin > 50)) {
			throw new InvalidRuleException("margin_pct", "margin_pct must be from 0 to 50 (percent of the level).");
		}
		if (margin != null && rearm.equals("once")) {
			throw new InvalidRuleException("margin_pct", "margin_pct is for rearm hysteresis; a rule with rearm once "
					+ "fires again only when it is re-armed (POST /api/v1/alerts/{id}/rearm).");
		}
		String webhook = text(fields, "webhook");
		return new AlertRule(ruleId, coin, condition, level, currency, percent, window, direction, period, interval,
				rearm, (margin != null) ? margin : 1.0, (webhook != null) ? webhook.strip() : null, now, origin);
	}

	/** {@code 30m}, {@code 1h}, {@code 7d} or ISO-8601 ({@code PT1H}). */
	static Duration duration(@Nullable String text) {
		return (text != null) ? duration(text, "window") : Duration.ZERO;
	}

	private static Duration duration(String text, String field) {
		String value = text.strip().toLowerCase(Locale.ROOT);
		Matcher shortForm = SHORT_DURATION.matcher(value);
		try {
			if (shortForm.matches()) {
				long amount = Long.parseLong(shortForm.group(1));
				return switch (shortForm.group(2)) {
					case "m" -> Duration.ofMinutes(amount);
					case "h" -> Duration.ofHours(amount);
					default -> Duration.ofDays(amount);
				};
			}
			if (value.length() <= 20) {
				return Duration.parse(value.toUpperCase(Locale.ROOT));
			}
		}
		catch (DateTimeParseException | ArithmeticException ex) {
			// said below
		}
		throw new InvalidRuleException(field, field + " " + InvalidParameterException.shown(text)
				+ " is not a duration such as 30m, 1h, 1d or PT1H.");
	}

	private static void forbid(JsonNode fields, String condition, String... names) {
		for (String name : names) {
			if (fields.has(name) && !fields.get(name).isNull()) {
				throw new InvalidRuleException(name, name + " is not a field of a " + condition + " rule.");
			}
		}
	}

	private static String required(JsonNode fields, String name, String what) {
		String value = text(fields, name);
		if (value == null || value.isBlank()) {
			throw new InvalidRuleException(name, name + " is required: " + what + ".");
		}
		return value.strip();
	}

	private static @Nullable String text(JsonNode fields, String name) {
		JsonNode value = fields.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new InvalidRuleException(name, name + " must be a string.");
		}
		return value.asString();
	}

	private static String oneOf(JsonNode fields, String name, @Nullable String defaultValue, String... choices) {
		String value = text(fields, name);
		if (value == null || value.isBlank()) {
			if (defaultValue == null) {
				throw new InvalidRuleException(name, name + " is required: one of " + String.join(", ", choices) + ".");
			}
			return defaultValue;
		}
		String wanted = value.strip().toLowerCase(Locale.ROOT);
		if (!List.of(choices).contains(wanted)) {
			throw new InvalidRuleException(name, name + " " + InvalidParameterException.shown(value) + " is not one of "
					+ String.join(", ", choices) + ".");
		}
		return wanted;
	}

	private static double positive(JsonNode fields, String name, double max, String what) {
		Double value = number(fields, name, what);
		if (value == null || !(value > 0) || value > max) {
			throw new InvalidRuleException(name, name + " must be a number above 0" + ((max < Double.MAX_VALUE)
					? " and at most " + BigDecimal.valueOf(max).stripTrailingZeros().toPlainString() : "") + ": " + what
					+ ".");
		}
		return value;
	}

	private static @Nullable Double number(JsonNode fields, String name, @Nullable String what) {
		JsonNode value = fields.get(name);
		if (value == null || value.isNull()) {
			if (what != null) {
				throw new InvalidRuleException(name, name + " is required: " + what + ".");
			}
			return null;
		}
		double number;
		if (value.isNumber()) {
			number = value.doubleValue();
		}
		else if (value.isString() && value.asString().strip().length() <= 30) {
			try {
				number = new BigDecimal(value.asString().strip()).doubleValue();
			}
			catch (NumberFormatException ex) {
				throw new InvalidRuleException(name, name + " " + InvalidParameterException.shown(value.asString())
						+ " is not a number.");
			}
		}
		else {
			throw new InvalidRuleException(name, name + " must be a number.");
		}
		if (!Double.isFinite(number)) {
			throw new InvalidRuleException(name, name + " must be a finite number.");
		}
		return number;
	}

	/** The configuration's rules, by id, as JSON objects of strings. */
	static JsonNode fromConfiguration(Map<String, String> fields) {
		tools.jackson.databind.node.ObjectNode node = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
		fields.forEach(node::put);
		return node;
	}

}
