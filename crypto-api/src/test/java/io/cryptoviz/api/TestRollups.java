package io.cryptoviz.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.cryptoviz.influx.CryptoPriceSchema;
import io.cryptoviz.influx.InfluxGateway;
import io.cryptoviz.influx.InfluxQl;
import io.cryptoviz.influx.InfluxTarget;
import io.cryptoviz.influx.Row;
import io.cryptoviz.rollup.CandleSchema;
import io.cryptoviz.rollup.RollupInterval;

/**
 * Candles as the consumer stores them ({@link CandleSchema}, database {@code crypto-rollups}),
 * recomputed from the raw ticks InfluxDB holds, every interval straight from the ticks (the
 * consumer derives each from the one below: the same candle, its rollup tests show). The API's
 * tests store them with the ticks, so that every series test also reads the candles where they
 * answer.
 */
public final class TestRollups {

	public static final InfluxTarget TARGET = InfluxTarget.database("crypto-rollups");

	private TestRollups() {
	}

	/** Recomputes every candle of the whole UTC days from the first to the last instant. */
	public static void rebuild(InfluxGateway influx, Instant first, Instant last) {
		Instant from = RollupInterval.ONE_DAY.bucketOf(first);
		Instant to = RollupInterval.ONE_DAY.bucketOf(last).plus(RollupInterval.ONE_DAY.length());
		for (RollupInterval interval : RollupInterval.ladder()) {
			List<String> lines = new ArrayList<>();
			for (Row row : influx.query(statement(interval, from, to))) {
				String line = line(row, interval);
				if (line != null) {
					lines.add(line);
				}
			}
			if (!lines.isEmpty()) {
				influx.write(TARGET, lines, io.cryptoviz.influx.WriteListener.NONE);
			}
		}
	}

	private static String statement(RollupInterval interval, Instant from, Instant to) {
		String usd = CryptoPriceSchema.FIELD_PRICE_USD;
		String eur = CryptoPriceSchema.FIELD_PRICE_EUR;
		return "SELECT first(" + usd + ") AS open_usd, max(" + usd + ") AS high_usd, min(" + usd + ") AS low_usd, last("
				+ usd + ") AS close_usd, first(" + eur + ") AS open_eur, max(" + eur + ") AS high_eur, min(" + eur
				+ ") AS low_eur, last(" + eur + ") AS close_eur, last(volume_24h) AS volume_24h, last(market_cap) AS "
				+ "market_cap, count(" + usd + ") AS ticks FROM " + CryptoPriceSchema.MEASUREMENT + " WHERE "
				+ InfluxQl.timeBetween(from, to) + " GROUP BY " + interval.groupByTime() + ", crypto fill(none)";
	}

	private static String line(Row row, RollupInterval interval) {
		Instant time = row.time();
		if (time == null || row.number(CandleSchema.FIELD_OPEN_USD) == null) {
			return null;
		}
		StringBuilder fields = new StringBuilder();
		for (String field : CandleSchema.FIELDS) {
			Double value = row.number(field);
			if (value != null) {
				fields.append((fields.length() > 0) ? "," : "").append(field).append('=').append(value.doubleValue());
			}
		}
		return CandleSchema.MEASUREMENT + ",crypto=" + row.tag("crypto") + ",interval=" + interval.id() + " " + fields
				+ " " + time.toEpochMilli();
	}

}
