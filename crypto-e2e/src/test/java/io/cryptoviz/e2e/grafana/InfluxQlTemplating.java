package io.cryptoviz.e2e.grafana;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Expands a raw InfluxQL query of a dashboard the way Grafana does before it reaches InfluxDB:
 * template variables ({@code $var}, {@code ${var}}, {@code ${var:regex}}, {@code [[var]]}) and
 * the macros {@code $timeFilter}, {@code $__interval}, {@code $interval}, {@code $__interval_ms},
 * {@code $__from}, {@code $__to}. Anything else that looks like a variable is an error: InfluxDB
 * would take it for a bound parameter and fail the panel.
 *
 * <p>
 * The rules follow Grafana: the time filter is {@code time >= <from>ms and time <= <to>ms}; the
 * interval is the range divided by the panel's data points, rounded to Grafana's steps and never
 * below the datasource's minimum ({@code timeInterval}); a multi-value or "All" variable in
 * {@code regex} format is each value regex-escaped and joined as {@code (a|b)}, one value alone is
 * just escaped, and "All" without a custom all value is every option.
 */
final class InfluxQlTemplating {

	private static final Pattern VARIABLE = Pattern
		.compile("\\$\\{(\\w+)(?::(\\w+))?}|\\[\\[(\\w+)(?::(\\w+))?]]|\\$(\\w+)");

	// what InfluxDB would take for a bound parameter, or Grafana's old variable syntax
	private static final Pattern LEFT_OVER = Pattern.compile("\\$(\\{|\\w+)|\\[\\[\\w+");

	private static final Pattern REGEX_SPECIAL = Pattern.compile("[\\\\^$*+?.()|\\[\\]{}/]");

	private InfluxQlTemplating() {
	}

	/**
	 * @param query the panel's raw query
	 * @param from start of the time range
	 * @param to end of the time range
	 * @param maxDataPoints the panel's data points (its width in pixels, in Grafana)
	 * @param minInterval the datasource's minimum interval
	 * @param variables the current value of each template variable
	 */
	static String expand(String query, Instant from, Instant to, int maxDataPoints, Duration minInterval,
			Map<String, Selection> variables) {
		Duration interval = interval(from, to, maxDataPoints, minInterval);
		Matcher matcher = VARIABLE.matcher(query);
		StringBuilder expanded = new StringBuilder();
		while (matcher.find()) {
			String name = firstNonNull(matcher.group(1), matcher.group(3), matcher.group(5));
			String format = firstNonNull(matcher.group(2), matcher.group(4));
			String value = switch (name) {
				case "timeFilter" -> "time >= " + from.toEpochMilli() + "ms and time <= " + to.toEpochMilli() + "ms";
				case "__interval", "interval" -> formatInterval(interval);
				case "__interval_ms" -> String.valueOf(interval.toMillis());
				case "__from" -> String.valueOf(from.toEpochMilli());
				case "__to" -> String.valueOf(to.toEpochMilli());
				default -> variable(name, format, variables, query);
			};
			matcher.appendReplacement(expanded, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(expanded);
		String result = expanded.toString();
		Matcher left = LEFT_OVER.matcher(result);
		if (left.find()) {
			throw new IllegalArgumentException("Unexpanded '" + left.group() + "' left in " + result);
		}
		return result;
	}

	private static String variable(String name, String format, Map<String, Selection> variables, String query) {
		Selection selection = variables.get(name);
		if (selection == null) {
			throw new IllegalArgumentException("Query uses $" + name + ", which Grafana would not know: " + query);
		}
		if (format == null) {
			// the InfluxDB datasource formats multi-value and "All" variables as a regex by itself
			return selection.multiValued() ? regex(selection.values()) : String.join(",", selection.values());
		}
		return switch (format) {
			case "regex" -> (selection.customAllValue() != null) ? selection.customAllValue() : regex(selection.values());
			case "raw" -> String.join(",", selection.values());
			default -> throw new IllegalArgumentException("Format :" + format + " of $" + name
					+ " is not one the dashboards are tested with: " + query);
		};
	}

	/** Grafana's {@code regex} format: escaped values, several joined as {@code (a|b)}. */
	static String regex(List<String> values) {
		List<String> escaped = values.stream().map((value) -> REGEX_SPECIAL.matcher(value).replaceAll("\\\\$0")).toList();
		return (escaped.size() == 1) ? escaped.get(0) : escaped.stream().collect(Collectors.joining("|", "(", ")"));
	}

	/** Grafana's interval: range / data points, below the minimum → the minimum, else rounded. */
	static Duration interval(Instant from, Instant to, int maxDataPoints, Duration minInterval) {
		long calculated = Duration.between(from, to).toMillis() / maxDataPoints;
		if (calculated < minInterval.toMillis()) {
			return minInterval;
		}
		return Duration.ofMillis(round(calculated));
	}

	// Grafana's roundInterval steps (milliseconds)
	private static final long[][] STEPS = { { 15, 10 }, { 35, 20 }, { 75, 50 }, { 150, 100 }, { 350, 200 },
			{ 750, 500 }, { 1_500, 1_000 }, { 3_500, 2_000 }, { 7_500, 5_000 }, { 12_500, 10_000 },
			{ 17_500, 15_000 }, { 25_000, 20_000 }, { 45_000, 30_000 }, { 90_000, 60_000 }, { 210_000, 120_000 },
			{ 450_000, 300_000 }, { 750_000, 600_000 }, { 1_050_000, 900_000 }, { 1_500_000, 1_200_000 },
			{ 2_700_000, 1_800_000 }, { 5_400_000, 3_600_000 }, { 9_000_000, 7_200_000 },
			{ 16_200_000, 10_800_000 }, { 32_400_000, 21_600_000 }, { 86_400_000, 43_200_000 },
			{ 604_800_000, 86_400_000 }, { 1_814_400_000, 604_800_000 }, { 3_628_800_000L, 2_592_000_000L } };

	private static long round(long millis) {
		for (long[] step : STEPS) {
			if (millis < step[0]) {
				return step[1];
			}
		}
		return 31_536_000_000L;
	}

	/** Grafana's interval text: the largest whole unit, {@code 20s}, {@code 5m}, {@code 1h}. */
	static String formatInterval(Duration interval) {
		long ms = interval.toMillis();
		long[][] units = { { 31_536_000_000L }, { 86_400_000L }, { 3_600_000L }, { 60_000L }, { 1_000L } };
		String[] names = { "y", "d", "h", "m", "s" };
		for (int i = 0; i < units.length; i++) {
			if (ms >= units[i][0]) {
				return (ms / units[i][0]) + names[i];
			}
		}
		return Math.max(ms, 1) + "ms";
	}

	private static String firstNonNull(String... values) {
		for (String value : values) {
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	/**
	 * A variable's current value.
	 *
	 * @param values the selected values; for "All", every option
	 * @param multiValued whether the variable is multi-value or has "All"
	 * @param customAllValue the variable's custom all value when "All" is selected and one is set
	 */
	record Selection(List<String> values, boolean multiValued, String customAllValue) {

		static Selection of(List<String> values) {
			return new Selection(List.copyOf(values), true, null);
		}

	}

}
