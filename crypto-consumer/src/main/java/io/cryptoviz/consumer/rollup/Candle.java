package io.cryptoviz.consumer.rollup;

import java.time.Instant;

import io.cryptoviz.influx.Row;
import io.cryptoviz.rollup.CandleSchema;
import io.cryptoviz.rollup.RollupInterval;
import io.cryptoviz.tick.PriceTick;
import org.jspecify.annotations.Nullable;

/** One coin's candle for one bucket, as it is written: its figures at the bucket's start. */
record Candle(String coin, RollupInterval interval, Instant start, Figures figures) {

	/**
	 * The candle of a row of a {@code GROUP BY time(...), crypto} answer; {@code null} when the
	 * bucket has no USD price (no candle) or the coin is not one of ours.
	 */
	static @Nullable Candle of(Row row, RollupInterval interval) {
		String coin = row.tag(CandleSchema.TAG_CRYPTO);
		Instant start = row.time();
		Figures figures = Figures.of(row);
		if (coin == null || !PriceTick.isCoinId(coin) || start == null || figures == null) {
			return null;
		}
		return new Candle(coin, interval, start, figures);
	}

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
