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

/**
 * The InfluxQL of the rollups: the members of buckets, read back so that ticks can be merged into
 * them: raw points (of the buckets a poll's ticks fall in that are not in memory, or of a whole
 * day for the rebuild), and the stored candles of the interval below.
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

	/** The raw points of every coin in [from, to), as rows tagged {@code crypto} and {@code source}. */
	List<Row> points(Instant from, Instant to) {
		return this.influx.query(pointsWhere(InfluxQl.timeBetween(from, to)));
	}

	/**
	 * The raw points of the coins in each range, as rows tagged {@code crypto} and {@code source}:
	 * the members of five-minute buckets. One request for up to {@value #STATEMENTS_PER_REQUEST} ranges.
	 */
	List<Row> points(Map<Rollups.Range, List<String>> ranges) {
		List<String> statements = new ArrayList<>(ranges.size());
		ranges.forEach((range, coins) -> statements
			.add(pointsWhere(InfluxQl.coinIn(coins) + " AND " + InfluxQl.timeBetween(range.from(), range.to()))));
		return query(this.influx.target(), statements);
	}

	private static String pointsWhere(String where) {
		return "SELECT " + POINT_FIELDS + " FROM " + CryptoPriceSchema.MEASUREMENT + " WHERE " + where + " GROUP BY "
				+ CryptoPriceSchema.TAG_CRYPTO + ", " + CryptoPriceSchema.TAG_SOURCE;
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

	/**
	 * The time of each coin's latest raw point at or after {@code from}, as rows tagged
	 * {@code crypto}; a coin with none has no row.
	 */
	List<Row> latestPoints(Collection<String> coins, Instant from) {
		return this.influx.query(latest(POINT_FIELDS, CryptoPriceSchema.MEASUREMENT, coins, from));
	}

	/**
	 * The start of each coin's latest candle of any interval at or after {@code from}, as rows
	 * tagged {@code crypto}; a coin with none has no row.
	 */
	List<Row> latestCandles(Collection<String> coins, Instant from) {
		return this.influx.query(this.rollups,
				latest(CandleSchema.FIELD_OPEN_USD, CandleSchema.MEASUREMENT, coins, from));
	}

	private static String latest(String fields, String measurement, Collection<String> coins, Instant from) {
		return "SELECT " + fields + " FROM " + measurement + " WHERE " + InfluxQl.coinIn(coins) + " AND "
				+ InfluxQl.timeFrom(from) + " GROUP BY " + CandleSchema.TAG_CRYPTO + " ORDER BY time DESC LIMIT 1";
	}

	private List<Row> query(InfluxTarget target, List<String> statements) {
		List<Row> rows = new ArrayList<>();
		for (int from = 0; from < statements.size(); from += STATEMENTS_PER_REQUEST) {
			rows.addAll(this.influx.query(target,
					String.join("; ", statements.subList(from, Math.min(statements.size(), from + STATEMENTS_PER_REQUEST)))));
		}
		return rows;
	}

}
