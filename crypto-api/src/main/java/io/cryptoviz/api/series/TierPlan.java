package io.cryptoviz.api.series;

import java.time.Instant;
import java.util.List;

import io.cryptoviz.rollup.RollupInterval;
import org.jspecify.annotations.Nullable;

/**
 * Where each part of a range is read, oldest part first: spans that never share a bucket of the
 * request's interval, so that their buckets put side by side are the answer.
 *
 * @param range the range asked for
 * @param spans the parts and their tier; together they cover the range (a span of candles may
 * reach past it to a whole bucket, where the raw ticks no longer hold the part of it asked for)
 */
record TierPlan(TimeRange range, List<Span> spans) {

	TierPlan {
		spans = List.copyOf(spans);
	}

	/** The whole range from the raw ticks. */
	static TierPlan raw(TimeRange range) {
		return new TierPlan(range, List.of(new Span(null, range.from(), range.to())));
	}

	/**
	 * @param rollup the candles read, {@code null} for the raw ticks
	 * @param from start, inclusive
	 * @param to end, exclusive
	 */
	record Span(@Nullable RollupInterval rollup, Instant from, Instant to) {

		/** {@code raw}, or the candles' interval ({@code 5m}, {@code 1h}, {@code 1d}). */
		String tier() {
			return (this.rollup != null) ? this.rollup.id() : "raw";
		}

		TimeRange range() {
			return new TimeRange(this.from, this.to);
		}

	}

}
