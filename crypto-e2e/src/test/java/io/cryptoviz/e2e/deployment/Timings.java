package io.cryptoviz.e2e.deployment;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** How long each part of a slow test took, for its report. */
final class Timings {

	private final Map<String, Duration> parts = new LinkedHashMap<>();

	synchronized void record(String part, Duration duration) {
		this.parts.merge(part, duration, Duration::plus);
	}

	void time(String part, Runnable action) {
		long start = System.nanoTime();
		try {
			action.run();
		}
		finally {
			record(part, Duration.ofNanos(System.nanoTime() - start));
		}
	}

	synchronized String report() {
		StringBuilder report = new StringBuilder();
		Duration total = Duration.ZERO;
		for (Map.Entry<String, Duration> part : this.parts.entrySet()) {
			report.append(String.format("%7.1f s  %s%n", part.getValue().toMillis() / 1000.0, part.getKey()));
			total = total.plus(part.getValue());
		}
		report.append(String.format("%7.1f s  in all%n", total.toMillis() / 1000.0));
		return report.toString();
	}

}
