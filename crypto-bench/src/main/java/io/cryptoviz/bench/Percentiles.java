package io.cryptoviz.bench;

import java.util.Arrays;
import java.util.List;

/** p50, p95 and p99 of a list of durations in milliseconds. */
record Percentiles(int count, double p50, double p95, double p99, double max) {

	static Percentiles of(List<Double> millis) {
		if (millis.isEmpty()) {
			return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
		}
		double[] sorted = millis.stream().mapToDouble(Double::doubleValue).toArray();
		Arrays.sort(sorted);
		return new Percentiles(sorted.length, at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99),
				sorted[sorted.length - 1]);
	}

	private static double at(double[] sorted, double quantile) {
		return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
	}

}
