package io.cryptoviz.consumer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.cryptoviz.devstack.InfluxDbServer;
import io.cryptoviz.influx.InfluxQl;
import io.cryptoviz.influx.InfluxTarget;
import io.cryptoviz.influx.Row;
import io.cryptoviz.rollup.CandleSchema;
import io.cryptoviz.rollup.RollupInterval;
import org.jspecify.annotations.Nullable;

/**
 * What a test compares the rollups with: the candles stored in the rollups' database, and the
 * aggregation of the raw ticks the API has been serving (InfluxQL's {@code GROUP BY time(...)}
 * over {@code crypto_price}), each as bucket start → fields by {@link CandleSchema} name.
 */
final class StoredCandles {

	static final InfluxTarget ROLLUPS = InfluxTarget.database(InfluxDbServer.ROLLUPS_DATABASE);

	private StoredCandles() {
	}

	/** The coin's stored candles, by interval. */
	static Map<RollupInterval, Map<Instant, Map<String, Double>>> of(InfluxDbServer influx, String coin) {
		Map<RollupInterval, Map<Instant, Map<String, Double>>> candles = new TreeMap<>();
		for (RollupInterval interval : RollupInterval.ladder()) {
			candles.put(interval, byTime(influx.gateway()
				.query(ROLLUPS, "SELECT * FROM crypto_candle WHERE " + InfluxQl.coinIs(coin) + " AND \"interval\" = '"
						+ interval.id() + "'")));
		}
		return candles;
	}

	/** The coin's raw ticks of [from, to) aggregated as candles, with the tick count, by interval. */
	static Map<RollupInterval, Map<Instant, Map<String, Double>>> rawAggregation(InfluxDbServer influx, String coin,
			Instant from, Instant to) {
		Map<RollupInterval, Map<Instant, Map<String, Double>>> candles = new TreeMap<>();
		for (RollupInterval interval : RollupInterval.ladder()) {
			String query = "SELECT first(price_usd) AS open_usd, max(price_usd) AS high_usd, min(price_usd) AS low_usd, "
					+ "last(price_usd) AS close_usd, first(price_eur) AS open_eur, max(price_eur) AS high_eur, "
					+ "min(price_eur) AS low_eur, last(price_eur) AS close_eur, last(volume_24h) AS volume_24h, "
					+ "last(market_cap) AS market_cap, count(price_usd) AS ticks FROM crypto_price WHERE "
					+ InfluxQl.coinIs(coin) + " AND " + InfluxQl.timeBetween(from, to) + " GROUP BY time("
					+ interval.id() + ") fill(none)";
			candles.put(interval, byTime(influx.gateway().query(query)));
		}
		return candles;
	}

	/** How many candle points the coin has, all intervals together. */
	static long points(InfluxDbServer influx, String coin) {
		return influx.gateway().query(ROLLUPS, "SELECT * FROM crypto_candle WHERE " + InfluxQl.coinIs(coin)).size();
	}

	/** How many ticks the coin's coarsest candles count. */
	static double ticksCounted(InfluxDbServer influx, String coin) {
		List<Row> rows = influx.gateway()
			.query(ROLLUPS, "SELECT sum(" + CandleSchema.FIELD_TICKS + ") AS ticks FROM " + CandleSchema.MEASUREMENT
					+ " WHERE " + InfluxQl.coinIs(coin) + " AND \"interval\" = '" + RollupInterval.coarsest().id() + "'");
		Double ticks = rows.isEmpty() ? null : rows.get(0).number("ticks");
		return (ticks != null) ? ticks : 0;
	}

	private static Map<Instant, Map<String, Double>> byTime(List<Row> rows) {
		Map<Instant, Map<String, Double>> byTime = new TreeMap<>();
		for (Row row : rows) {
			Map<String, Double> fields = new TreeMap<>();
			for (String field : CandleSchema.FIELDS) {
				@Nullable Double value = row.number(field);
				if (value != null) {
					fields.put(field, value);
				}
			}
			byTime.put(row.time(), fields);
		}
		return byTime;
	}

}
