package io.cryptoviz.producer.backfill;

import java.time.Instant;

/**
 * One request's worth of the period, per coin and currency. Chunks do not overlap: a chunk holds
 * the points from {@code from} (inclusive) to {@code to} (exclusive), except the newest chunk,
 * which also holds a point at {@code to}, the end of the period.
 *
 * @param number position in the run, 1 for the first fetched
 * @param from start, a whole second
 * @param to end, a whole second
 * @param granularity what CoinGecko answers for a request of this span at this age
 * @param endInclusive whether a point exactly at {@code to} belongs to this chunk
 */
record Chunk(int number, Instant from, Instant to, Granularity granularity, boolean endInclusive) {

	boolean contains(long epochMilli) {
		long start = this.from.toEpochMilli();
		long end = this.to.toEpochMilli();
		return epochMilli >= start && (epochMilli < end || (this.endInclusive && epochMilli == end));
	}

	@Override
	public String toString() {
		return this.from + " to " + this.to + ", " + this.granularity;
	}

}
