package io.cryptoviz.consumer.rollup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.cryptoviz.influx.CryptoPriceSchema;
import io.cryptoviz.influx.InfluxGateway;
import io.cryptoviz.influx.InfluxQl;
import io.cryptoviz.influx.InfluxTarget;
import io.cryptoviz.influx.Row;
import io.cryptoviz.rollup.CandleSchema;
import io.cryptoviz.rollup.RollupInterval;
import org.jspecify.annotations.Nullable;

/**
 * The InfluxQL that computes candles: the finest interval from the raw ticks, each coarser one
 * from the candles of the interval below it, which the same pass has just written. The candle of
 * a bucket depends only on what is stored for it, never on the order its ticks arrived in.
 */
final class CandleQueries {

	private final InfluxGateway influx;

	private final InfluxTarget rollups;

	CandleQueries(InfluxGateway influx, InfluxTarget rollups) {
		this.influx = influx;
		this.rollups = rollups;
	}

	/**
	 * The candles of the interval whose buckets start in [from, to), for the coins (every coin
	 * when {@code null}); from and to are bucket starts.
	 */
	List<Candle> compute(RollupInterval interval, @Nullable Collection<String> coins, Instant from, Instant to) {
		RollupInterval finer = interval.finer();
		String where = ((coins != null) ? InfluxQl.coinIn(coins) + " AND " : "") + InfluxQl.timeBetween(from, to);
		String query = (finer == null) ? fromTicks(where, interval) : fromCandles(finer, where, interval);
		List<Row> rows = (finer == null) ? this.influx.query(query) : this.influx.query(this.rollups, query);
		List<Candle> candles = new ArrayList<>(rows.size());
		for (Row row : rows) {
			Candle candle = Candle.of(row, interval);
			if (candle != null) {
				candles.add(candle);
			}
		}
		return candles;
	}

	private static String fromTicks(String where, RollupInterval interval) {
		String usd = CryptoPriceSchema.FIELD_PRICE_USD;
		String eur = CryptoPriceSchema.FIELD_PRICE_EUR;
		return "SELECT " + ohlc(usd, usd, usd, usd, "usd") + ", " + ohlc(eur, eur, eur, eur, "eur") + ", last("
				+ CryptoPriceSchema.FIELD_VOLUME_24H + ") AS " + CandleSchema.FIELD_VOLUME_24H + ", last("
				+ CryptoPriceSchema.FIELD_MARKET_CAP + ") AS " + CandleSchema.FIELD_MARKET_CAP + ", count(" + usd
				+ ") AS " + CandleSchema.FIELD_TICKS + " FROM " + CryptoPriceSchema.MEASUREMENT + " WHERE " + where
				+ groupBy(interval);
	}

	private static String fromCandles(RollupInterval finer, String where, RollupInterval interval) {
		return "SELECT " + ohlc(CandleSchema.FIELD_OPEN_USD, CandleSchema.FIELD_HIGH_USD, CandleSchema.FIELD_LOW_USD,
				CandleSchema.FIELD_CLOSE_USD, "usd") + ", "
				+ ohlc(CandleSchema.FIELD_OPEN_EUR, CandleSchema.FIELD_HIGH_EUR, CandleSchema.FIELD_LOW_EUR,
						CandleSchema.FIELD_CLOSE_EUR, "eur")
				+ ", last(" + CandleSchema.FIELD_VOLUME_24H + ") AS " + CandleSchema.FIELD_VOLUME_24H + ", last("
				+ CandleSchema.FIELD_MARKET_CAP + ") AS " + CandleSchema.FIELD_MARKET_CAP + ", sum("
				+ CandleSchema.FIELD_TICKS + ") AS " + CandleSchema.FIELD_TICKS + " FROM " + CandleSchema.MEASUREMENT
				+ " WHERE \"" + CandleSchema.TAG_INTERVAL + "\" = '" + finer.id() + "' AND " + where + groupBy(interval);
	}

	/** {@code first(open) AS open_usd, max(high) AS high_usd, min(low) AS low_usd, last(close) AS close_usd}. */
	private static String ohlc(String open, String high, String low, String close, String currency) {
		return "first(" + open + ") AS open_" + currency + ", max(" + high + ") AS high_" + currency + ", min(" + low
				+ ") AS low_" + currency + ", last(" + close + ") AS close_" + currency;
	}

	private static String groupBy(RollupInterval interval) {
		return " GROUP BY " + interval.groupByTime() + ", " + CandleSchema.TAG_CRYPTO + " fill(none)";
	}

}
