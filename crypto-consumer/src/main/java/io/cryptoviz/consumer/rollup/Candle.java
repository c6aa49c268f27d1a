package io.cryptoviz.consumer.rollup;

import java.time.Instant;
import java.util.Map;

import io.cryptoviz.influx.Row;
import io.cryptoviz.rollup.CandleSchema;
import io.cryptoviz.rollup.RollupInterval;
import io.cryptoviz.tick.PriceTick;
import org.jspecify.annotations.Nullable;

/**
 * One coin's candle for one bucket, as the InfluxQL of {@link CandleQueries} answers it: its
 * fields by {@link CandleSchema} name, those the bucket has no value for left out.
 */
record Candle(String coin, RollupInterval interval, Instant start, Map<String, Double> fields) {

	Candle {
		fields = Map.copyOf(fields);
	}

	/**
	 * The candle of a row of a {@code GROUP BY time(...), crypto} answer; {@code null} when the
	 * bucket has no USD price (no candle) or the coin is not one of ours.
	 */
	static @Nullable Candle of(Row row, RollupInterval interval) {
		String coin = row.tag(CandleSchema.TAG_CRYPTO);
		Instant start = row.time();
		if (coin == null || !PriceTick.isCoinId(coin) || start == null
				|| row.number(CandleSchema.FIELD_OPEN_USD) == null) {
			return null;
		}
		Map<String, Double> fields = new java.util.HashMap<>();
		for (String field : CandleSchema.FIELDS) {
			Double value = row.number(field);
			if (value != null) {
				fields.put(field, value);
			}
		}
		return new Candle(coin, interval, start, fields);
	}

	/**
	 * The candle as one line of line protocol, millisecond timestamp. Nothing needs escaping: the
	 * coin id is {@code [a-z0-9-]}, the interval and the names are constants, and every field is
	 * a float ({@link Double#toString}'s form), the tick count too, as for the raw ticks.
	 */
	String toLineProtocol() {
		StringBuilder line = new StringBuilder(256).append(CandleSchema.MEASUREMENT)
			.append(',')
			.append(CandleSchema.TAG_CRYPTO)
			.append('=')
			.append(this.coin)
			.append(',')
			.append(CandleSchema.TAG_INTERVAL)
			.append('=')
			.append(this.interval.id())
			.append(' ');
		boolean first = true;
		for (String field : CandleSchema.FIELDS) {
			Double value = this.fields.get(field);
			if (value != null) {
				line.append(first ? "" : ",").append(field).append('=').append(value.doubleValue());
				first = false;
			}
		}
		return line.append(' ').append(this.start.toEpochMilli()).toString();
	}

}
