package io.cryptoviz.consumer.rollup;

import java.time.Instant;

import io.cryptoviz.rollup.CandleSchema;
import io.cryptoviz.rollup.RollupInterval;

/** One coin's candle for one bucket, as it is written: its figures at the bucket's start. */
record Candle(String coin, RollupInterval interval, Instant start, Figures figures) {

	/**
	 * The candle as one line of line protocol, millisecond timestamp. Nothing needs escaping: the
	 * coin id is {@code [a-z0-9-]}, the interval and the names are constants, and every field is
	 * a float ({@link Double#toString}'s form), the counts too, as for the raw ticks.
	 */
	String toLineProtocol() {
		StringBuilder line = new StringBuilder(320).append(CandleSchema.MEASUREMENT)
			.append(',')
			.append(CandleSchema.TAG_CRYPTO)
			.append('=')
			.append(this.coin)
			.append(',')
			.append(CandleSchema.TAG_INTERVAL)
			.append('=')
			.append(this.interval.id())
			.append(' ');
		return this.figures.appendFields(line).append(' ').append(this.start.toEpochMilli()).toString();
	}

}
