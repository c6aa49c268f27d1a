package io.cryptoviz.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a service's {@code /actuator/prometheus} (Prometheus text format): its samples by
 * name, with their labels and values. The one reader of that format for the tests and the
 * benchmarks.
 */
public record PrometheusScrape(List<Sample> samples) {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+).*$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	/** Scrapes the service at this base URL. */
	public static PrometheusScrape of(String serviceUrl) {
		HttpResponse<String> answer;
		try {
			answer = HTTP.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/actuator/prometheus"))
				.timeout(Duration.ofSeconds(20))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Scraping " + serviceUrl + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
		if (answer.statusCode() != 200) {
			throw new IllegalStateException("/actuator/prometheus answered " + answer.statusCode());
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

	/**
	 * The sum of the samples of that name that carry every one of these labels, each given as
	 * {@code name="value"} (e.g. {@code outcome="success"}); 0 when there is none.
	 */
	public double total(String name, String... labels) {
		return named(name).stream()
			.filter((sample) -> Arrays.stream(labels).allMatch((label) -> sample.has(label)))
			.mapToDouble(Sample::value)
			.sum();
	}

	public record Sample(String name, Map<String, String> labels, double value) {

		/** Whether the sample carries the label, given as {@code name="value"}. */
		boolean has(String label) {
			int equals = label.indexOf('=');
			String value = (equals > 0) ? this.labels.get(label.substring(0, equals)) : null;
			return value != null && label.substring(equals + 1).equals('"' + value + '"');
		}

	}

}
