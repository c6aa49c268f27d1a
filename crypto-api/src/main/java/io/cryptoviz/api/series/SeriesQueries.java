package io.cryptoviz.api.series;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cryptoviz.api.series.SeriesResponses.Candle;
import io.cryptoviz.api.series.SeriesResponses.ComparedPoint;
import io.cryptoviz.api.series.SeriesResponses.Point;
import io.cryptoviz.influx.CryptoPriceSchema;
import io.cryptoviz.influx.InfluxGateway;
import io.cryptoviz.influx.InfluxQl;
import io.cryptoviz.influx.Row;

import org.springframework.stereotype.Component;

/**
 * The InfluxQL of the series endpoints: {@code GROUP BY time(...)} buckets with
 * {@code fill(none)}, so a bucket without ticks is absent rather than made up.
 */
@Component
class SeriesQueries {

	private static final String FROM = " FROM " + CryptoPriceSchema.MEASUREMENT + " WHERE ";

	private final InfluxGateway influx;

	SeriesQueries(InfluxGateway influx) {
		this.influx = influx;
	}

	List<Point> history(String coin, Field field, Aggregation aggregation, TimeRange range, Interval interval) {
		String query = "SELECT " + aggregation.of(field) + " AS value" + FROM + InfluxQl.coinIs(coin) + " AND "
				+ InfluxQl.timeBetween(range.from(), range.to()) + " GROUP BY " + interval.groupByTime()
				+ " fill(none)";
		List<Point> points = new ArrayList<>();
		for (Row row : this.influx.query(query)) {
			Instant time = row.time();
			Double value = row.number("value");
			if (time != null && value != null) {
				points.add(new Point(time, value));
			}
		}
		return points;
	}

	List<Candle> candles(String coin, Currency currency, TimeRange range, Interval interval) {
		String price = currency.priceField();
		String query = "SELECT first(" + price + ") AS open, max(" + price + ") AS high, min(" + price
				+ ") AS low, last(" + price + ") AS close, last(" + CryptoPriceSchema.FIELD_VOLUME_24H
				+ ") AS volume" + FROM + InfluxQl.coinIs(coin) + " AND " + InfluxQl.timeBetween(range.from(), range.to())
				+ " GROUP BY " + interval.groupByTime() + " fill(none)";
		List<Candle> candles = new ArrayList<>();
		for (Row row : this.influx.query(query)) {
			Instant time = row.time();
			Double open = row.number("open");
			Double high = row.number("high");
			Double low = row.number("low");
			Double close = row.number("close");
			// a bucket with a volume but no price in this currency is no candle
			if (time != null && open != null && high != null && low != null && close != null) {
				candles.add(new Candle(time, open, high, low, close, row.number("volume")));
			}
		}
		return candles;
	}

	/** Each coin's mean price per bucket, normalised to its change from its first bucket. */
	Map<String, List<ComparedPoint>> compare(List<String> coins, Currency currency, TimeRange range,
			Interval interval) {
		String query = "SELECT mean(" + currency.priceField() + ") AS value" + FROM + InfluxQl.coinIn(coins) + " AND "
				+ InfluxQl.timeBetween(range.from(), range.to()) + " GROUP BY " + interval.groupByTime() + ", "
				+ CryptoPriceSchema.TAG_CRYPTO + " fill(none)";
		Map<String, List<Point>> byCoin = new LinkedHashMap<>();
		coins.forEach((coin) -> byCoin.put(coin, new ArrayList<>()));
		for (Row row : this.influx.query(query)) {
			List<Point> points = byCoin.get(row.tag(CryptoPriceSchema.TAG_CRYPTO));
			Instant time = row.time();
			Double value = row.number("value");
			if (points != null && time != null && value != null) {
				points.add(new Point(time, value));
			}
		}
		Map<String, List<ComparedPoint>> compared = new LinkedHashMap<>();
		byCoin.forEach((coin, points) -> compared.put(coin, normalise(points)));
		return compared;
	}

	/**
	 * The points as percent change from the first one. A series that starts at 0 cannot be
	 * normalised and is left empty rather than shown as infinite.
	 */
	static List<ComparedPoint> normalise(List<Point> points) {
		if (points.isEmpty() || points.get(0).value() == 0) {
			return List.of();
		}
		double base = points.get(0).value();
		List<ComparedPoint> normalised = new ArrayList<>(points.size());
		for (Point point : points) {
			normalised.add(new ComparedPoint(point.time(), point.value(), (point.value() / base - 1) * 100));
		}
		return normalised;
	}

}
