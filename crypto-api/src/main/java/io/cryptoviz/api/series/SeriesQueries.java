package io.cryptoviz.api.series;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import io.cryptoviz.api.series.SeriesResponses.Candle;
import io.cryptoviz.api.series.SeriesResponses.ComparedPoint;
import io.cryptoviz.api.series.SeriesResponses.Point;
import io.cryptoviz.api.series.SeriesResponses.Sparkline;
import io.cryptoviz.api.series.TierPlan.Span;
import io.cryptoviz.influx.CryptoPriceSchema;
import io.cryptoviz.influx.InfluxGateway;
import io.cryptoviz.influx.InfluxQl;
import io.cryptoviz.influx.InfluxTarget;
import io.cryptoviz.influx.Row;
import io.cryptoviz.rollup.CandleSchema;
import io.cryptoviz.rollup.RollupInterval;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.stereotype.Component;

/**
 * The InfluxQL of the series endpoints: {@code GROUP BY time(...)} buckets with
 * {@code fill(none)}, so a bucket without ticks is absent rather than made up, one statement per
 * span of the {@link TierPlan}: the raw ticks, or the candles. A plan's statements run side by side
 * (the application's task executor runs all but the first), so an answer waits for its slowest
 * span, not for the sum of them: a year of daily candles is two cut days of raw ticks around the
 * candles.
 */
@Component
class SeriesQueries {

	private static final String FROM = " FROM " + CryptoPriceSchema.MEASUREMENT + " WHERE ";

	/** A sparkline is drawn, not read: six digits are more than its pixels show, at half the bytes. */
	private static final MathContext SPARKLINE_DIGITS = new MathContext(6);

	private final InfluxGateway influx;

	private final InfluxTarget rollups;

	private final Executor executor;

	SeriesQueries(InfluxGateway influx, TierProperties tiers,
			@Qualifier(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME) Executor executor) {
		this.influx = influx;
		this.rollups = tiers.rollupsTarget();
		this.executor = executor;
	}

	List<Point> history(String coin, Field field, Aggregation aggregation, TierPlan plan, Interval interval) {
		Selection selection = Selection.history(field, aggregation);
		List<Point> points = new ArrayList<>();
		for (List<Row> rows : rows(selection, InfluxQl.coinIs(coin), plan, interval, "")) {
			for (Row row : rows) {
				Instant time = row.time();
				Double value = row.number("value");
				if (time != null && value != null) {
					points.add(new Point(time, value));
				}
			}
		}
		return points;
	}

	List<Candle> candles(String coin, Currency currency, TierPlan plan, Interval interval) {
		Selection selection = Selection.candles(currency);
		List<Candle> candles = new ArrayList<>();
		for (List<Row> rows : rows(selection, InfluxQl.coinIs(coin), plan, interval, "")) {
			for (Row row : rows) {
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
		}
		return candles;
	}

	/** Each coin's mean price per bucket, normalised to its change from its first bucket. */
	Map<String, List<ComparedPoint>> compare(List<String> coins, Currency currency, TierPlan plan,
			Interval interval) {
		if (coins.isEmpty()) {
			// no data yet, so no coin: nothing to ask
			return Map.of();
		}
		Map<String, List<Point>> byCoin = new LinkedHashMap<>();
		coins.forEach((coin) -> byCoin.put(coin, new ArrayList<>()));
		Selection selection = Selection.mean(currency);
		for (List<Row> rows : rows(selection, InfluxQl.coinIn(coins), plan, interval,
				", " + CryptoPriceSchema.TAG_CRYPTO)) {
			for (Row row : rows) {
				List<Point> points = byCoin.get(row.tag(CryptoPriceSchema.TAG_CRYPTO));
				Instant time = row.time();
				Double value = row.number("value");
				if (points != null && time != null && value != null) {
					points.add(new Point(time, value));
				}
			}
		}
		Map<String, List<ComparedPoint>> compared = new LinkedHashMap<>();
		byCoin.forEach((coin, points) -> compared.put(coin, normalise(points)));
		return compared;
	}

	/** The rows of each span of the plan, in the plan's order; the spans are read side by side. */
	private List<List<Row>> rows(Selection selection, String coins, TierPlan plan, Interval interval, String tags) {
		List<Span> spans = plan.spans();
		List<CompletableFuture<List<Row>>> others = new ArrayList<>(spans.size() - 1);
		for (Span span : spans.subList(1, spans.size())) {
			others.add(CompletableFuture.supplyAsync(() -> rows(selection, coins, span, interval, tags), this.executor));
		}
		List<List<Row>> rows = new ArrayList<>(spans.size());
		rows.add(rows(selection, coins, spans.get(0), interval, tags));
		for (CompletableFuture<List<Row>> other : others) {
			rows.add(result(other));
		}
		return rows;
	}

	/** A span's rows, or the read's own failure (InfluxDB unavailable) as the caller would have had it. */
	private static List<Row> result(CompletableFuture<List<Row>> rows) {
		try {
			return rows.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw ex;
		}
	}

	/**
	 * The rows of one span: from the raw ticks, or from the candles of its interval (in the
	 * rollups' database), grouped by the request's interval either way.
	 */
	private List<Row> rows(Selection selection, String coins, Span span, Interval interval, String tags) {
		String where = coins + " AND " + InfluxQl.timeBetween(span.from(), span.to()) + " GROUP BY "
				+ interval.groupByTime() + tags + " fill(none)";
		RollupInterval rollup = span.rollup();
		if (rollup == null) {
			return this.influx.query("SELECT " + selection.raw() + FROM + where);
		}
		String candles = selection.candles();
		if (candles == null) {
			throw new IllegalStateException("No candle answers " + selection.raw());
		}
		return this.influx.query(this.rollups, "SELECT " + candles + " FROM " + CandleSchema.MEASUREMENT + " WHERE \""
				+ CandleSchema.TAG_INTERVAL + "\" = '" + rollup.id() + "' AND " + where);
	}

	/**
	 * Each coin's mean price per bucket over a range that starts on a bucket's edge, as one value
	 * per bucket ({@code null} where there were no ticks), so that one answer carries every coin's
	 * line without a time per point.
	 * @param everyCoin whether the coins are all there are: then the query names none, which
	 * InfluxDB answers three times faster than a condition on 250 coins
	 */
	List<Sparkline> sparklines(List<String> coins, boolean everyCoin, Currency currency, TimeRange range,
			Interval interval) {
		if (coins.isEmpty()) {
			return List.of();
		}
		int buckets = (int) interval.buckets(range);
		long length = interval.length().toMillis();
		Map<String, Double[]> byCoin = new LinkedHashMap<>();
		for (Row row : this.influx.query(meanPerCoin(everyCoin ? null : coins, currency, range, interval))) {
			String coin = row.tag(CryptoPriceSchema.TAG_CRYPTO);
			Instant time = row.time();
			Double value = row.number("value");
			if (coin == null || time == null || value == null || !Double.isFinite(value)) {
				continue;
			}
			long bucket = (time.toEpochMilli() - range.from().toEpochMilli()) / length;
			if (bucket >= 0 && bucket < buckets) {
				byCoin.computeIfAbsent(coin, (any) -> new Double[buckets])[(int) bucket] = BigDecimal.valueOf(value)
					.round(SPARKLINE_DIGITS)
					.doubleValue();
			}
		}
		List<Sparkline> sparklines = new ArrayList<>(coins.size());
		for (String coin : coins) {
			Double[] values = byCoin.get(coin);
			sparklines.add(new Sparkline(coin, (values != null) ? Arrays.asList(values) : List.of()));
		}
		return sparklines;
	}

	/** Without coins, every coin's; rows of other tags than the caller's coins are the caller's to drop. */
	private static String meanPerCoin(@Nullable List<String> coins, Currency currency, TimeRange range,
			Interval interval) {
		return "SELECT mean(" + currency.priceField() + ") AS value" + FROM
				+ ((coins != null) ? InfluxQl.coinIn(coins) + " AND " : "")
				+ InfluxQl.timeBetween(range.from(), range.to()) + " GROUP BY " + interval.groupByTime() + ", "
				+ CryptoPriceSchema.TAG_CRYPTO + " fill(none)";
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
