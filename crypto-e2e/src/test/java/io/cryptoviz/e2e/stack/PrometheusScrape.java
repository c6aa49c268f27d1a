package io.cryptoviz.e2e.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a service's {@code /actuator/prometheus} (Prometheus text format): its samples by
 * name, with their labels and values.
 */
public record PrometheusScrape(List<Sample> samples) {

	private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+).*$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	public static PrometheusScrape of(String serviceUrl) {
		HttpAnswer answer = HttpAnswer.get(serviceUrl + "/actuator/prometheus");
		if (answer.status() != 200) {
			throw new IllegalStateException("/actuator/prometheus answered " + answer.status());
		}
		return parse(answer.body());
	}

	public static PrometheusScrape parse(String text) {
		List<Sample> samples = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			Matcher matcher = LINE.matcher(line);
			if (matcher.matches()) {
				Map<String, String> labels = new LinkedHashMap<>();
				if (matcher.group(3) != null) {
					Matcher label = LABEL.matcher(matcher.group(3));
					while (label.find()) {
						labels.put(label.group(1), label.group(2));
					}
				}
				samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(4))));
			}
		}
		return new PrometheusScrape(List.copyOf(samples));
	}

	public Set<String> names() {
		Set<String> names = new TreeSet<>();
		this.samples.forEach((sample) -> names.add(sample.name()));
		return names;
	}

	public List<Sample> named(String name) {
		return this.samples.stream().filter((sample) -> sample.name().equals(name)).toList();
	}

	/** The sum of every sample of that name (0 when there is none). */
	public double total(String name) {
		return named(name).stream().mapToDouble(Sample::value).sum();
	}

	public record Sample(String name, Map<String, String> labels, double value) {
	}

}
