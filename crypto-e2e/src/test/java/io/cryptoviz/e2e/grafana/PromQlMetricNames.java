package io.cryptoviz.e2e.grafana;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names a PromQL expression reads, leaving out functions, keywords and labels. */
final class PromQlMetricNames {

	private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

	private static final Pattern MATCHERS_AND_RANGES = Pattern.compile("\\{[^}]*}|\\[[^]]*]");

	private static final Pattern LABEL_LISTS = Pattern
		.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w$.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

	private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
			"bool", "offset", "and", "or", "unless", "inf", "nan", "Inf", "NaN");

	private PromQlMetricNames() {
	}

	static Set<String> of(String expr) {
		String stripped = STRINGS.matcher(expr).replaceAll("\"\"");
		stripped = MATCHERS_AND_RANGES.matcher(stripped).replaceAll(" ");
		stripped = LABEL_LISTS.matcher(stripped).replaceAll(" ");
		Set<String> names = new TreeSet<>();
		Matcher matcher = IDENTIFIER.matcher(stripped);
		while (matcher.find()) {
			boolean function = matcher.group(2) != null;
			if (!function && !KEYWORDS.contains(matcher.group(1))) {
				names.add(matcher.group(1));
			}
		}
		return names;
	}

}
