package io.cryptoviz.consumer.rollup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.cryptoviz.influx.CryptoPriceSchema;
import io.cryptoviz.influx.InfluxGateway;
import io.cryptoviz.influx.InfluxQl;
import io.cryptoviz.influx.InfluxTarget;
import io.cryptoviz.influx.Row;
import io.cryptoviz.rollup.CandleSchema;
import io.cryptoviz.rollup.RollupInterval;
import org.jspecify.annotations.Nullable;

/**
 * The InfluxQL of the rollups: candles computed by InfluxDB from what it stores (the rebuild),
 * and the members of buckets the consumer does not hold in memory (raw points, or the candles of
 * the interval below), read back so that a tick can be merged into them.
 */
final class CandleQueries {

	/** Statements sent in one request: the buckets of one poll that are not in memory take one round trip. */
	private static final int STATEMENTS_PER_REQUEST = 50;

	private static final String POINT_FIELDS = String.join(", ", CryptoPriceSchema.FIELD_PRICE_USD,
			CryptoPriceSchema.FIELD_PRICE_EUR, CryptoPriceSchema.FIELD_VOLUME_24H, CryptoPriceSchema.FIELD_MARKET_CAP);

	private static final String CANDLE_FIELDS = String.join(", ", CandleSchema.FIELDS);

	private final InfluxGateway influx;

	private final InfluxTarget rollups;

	CandleQueries(InfluxGateway influx, InfluxTarget rollups) {
		this.influx = influx;
		this.rollups = rollups;
	}

	/**
	 * The candles InfluxDB computes for the interval's buckets that start in [from, to), for the
	 * coins (every coin when {@code null}); from and to are bucket starts. The finest interval is
	 * aggregated from the raw ticks, each coarser one from the stored candles of the one below.
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

	/**
	 * The raw points of the coins in each range, as rows tagged {@code crypto} and {@code source}:
	 * the members of five-minute buckets. One request for up to {@value #STATEMENTS_PER_REQUEST} ranges.
	 */
	List<Row> points(Map<Rollups.Range, List<String>> ranges) {
		List<String> statements = new ArrayList<>(ranges.size());
		ranges.forEach((range, coins) -> statements.add("SELECT " + POINT_FIELDS + " FROM "
				+ CryptoPriceSchema.MEASUREMENT + " WHERE " + InfluxQl.coinIn(coins) + " AND "
				+ InfluxQl.timeBetween(range.from(), range.to()) + " GROUP BY " + CryptoPriceSchema.TAG_CRYPTO + ", "
				+ CryptoPriceSchema.TAG_SOURCE));
		return query(this.influx.target(), statements);
	}

	/**
	 * The stored candles of the interval for the coins in each range, as rows tagged
	 * {@code crypto}: the members of the buckets of the interval above.
	 */
	List<Row> candles(RollupInterval interval, Map<Rollups.Range, List<String>> ranges) {
		List<String> statements = new ArrayList<>(ranges.size());
		ranges.forEach((range, coins) -> statements.add("SELECT " + CANDLE_FIELDS + " FROM " + CandleSchema.MEASUREMENT
				+ " WHERE \"" + CandleSchema.TAG_INTERVAL + "\" = '" + interval.id() + "' AND " + InfluxQl.coinIn(coins)
				+ " AND " + InfluxQl.timeBetween(range.from(), range.to()) + " GROUP BY " + CandleSchema.TAG_CRYPTO));
		return query(this.rollups, statements);
	}

	private List<Row> query(InfluxTarget target, List<String> statements) {
		List<Row> rows = new ArrayList<>();
		for (int from = 0; from < statements.size(); from += STATEMENTS_PER_REQUEST) {
			rows.addAll(this.influx.query(target,
					String.join("; ", statements.subList(from, Math.min(statements.size(), from + STATEMENTS_PER_REQUEST)))));
		}
		return rows;
	}

	private static String fromTicks(String where, RollupInterval interval) {
		String usd = CryptoPriceSchema.FIELD_PRICE_USD;
		String eur = CryptoPriceSchema.FIELD_PRICE_EUR;
		return "SELECT " + ohlc(usd, usd, usd, usd, "usd") + ", " + ohlc(eur, eur, eur, eur, "eur") + ", last("
				+ CryptoPriceSchema.FIELD_VOLUME_24H + ") AS " + CandleSchema.FIELD_VOLUME_24H + ", last("
				+ CryptoPriceSchema.FIELD_MARKET_CAP + ") AS " + CandleSchema.FIELD_MARKET_CAP + ", count(" + usd
				+ ") AS " + CandleSchema.FIELD_TICKS + ", sum(" + usd + ") AS " + CandleSchema.FIELD_SUM_USD + ", count("
				+ eur + ") AS " + CandleSchema.FIELD_TICKS_EUR + ", sum(" + eur + ") AS " + CandleSchema.FIELD_SUM_EUR
				+ " FROM " + CryptoPriceSchema.MEASUREMENT + " WHERE " + where + groupBy(interval);
	}

	private static String fromCandles(RollupInterval finer, String where, RollupInterval interval) {
		return "SELECT " + ohlc(CandleSchema.FIELD_OPEN_USD, CandleSchema.FIELD_HIGH_USD, CandleSchema.FIELD_LOW_USD,
				CandleSchema.FIELD_CLOSE_USD, "usd") + ", "
				+ ohlc(CandleSchema.FIELD_OPEN_EUR, CandleSchema.FIELD_HIGH_EUR, CandleSchema.FIELD_LOW_EUR,
						CandleSchema.FIELD_CLOSE_EUR, "eur")
				+ ", last(" + CandleSchema.FIELD_VOLUME_24H + ") AS " + CandleSchema.FIELD_VOLUME_24H + ", last("
				+ CandleSchema.FIELD_MARKET_CAP + ") AS " + CandleSchema.FIELD_MARKET_CAP + sum(CandleSchema.FIELD_TICKS)
				+ sum(CandleSchema.FIELD_SUM_USD) + sum(CandleSchema.FIELD_TICKS_EUR) + sum(CandleSchema.FIELD_SUM_EUR)
				+ " FROM " + CandleSchema.MEASUREMENT + " WHERE \"" + CandleSchema.TAG_INTERVAL + "\" = '" + finer.id()
				+ "' AND " + where + groupBy(interval);
	}

	/** {@code first(open) AS open_usd, max(high) AS high_usd, min(low) AS low_usd, last(close) AS close_usd}. */
	private static String ohlc(String open, String high, String low, String close, String currency) {
		return "first(" + open + ") AS open_" + currency + ", max(" + high + ") AS high_" + currency + ", min(" + low
				+ ") AS low_" + currency + ", last(" + close + ") AS close_" + currency;
	}

	/** {@code , sum(ticks) AS ticks}. */
	private static String sum(String field) {
		return ", sum(" + field + ") AS " + field;
	}

	private static String groupBy(RollupInterval interval) {
		return " GROUP BY " + interval.groupByTime() + ", " + CandleSchema.TAG_CRYPTO + " fill(none)";
	}

}
