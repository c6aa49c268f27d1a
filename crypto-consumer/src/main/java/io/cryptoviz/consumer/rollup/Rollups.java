package io.cryptoviz.consumer.rollup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

import io.cryptoviz.influx.InfluxGateway;
import io.cryptoviz.influx.WriteResult;
import io.cryptoviz.rollup.RollupInterval;
import io.cryptoviz.tick.PriceTick;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Keeps the candles right by recomputing, never by adding up: once a poll's ticks are stored, every
 * bucket they fall in is computed again from what InfluxDB holds for it, finest interval first. So
 * a late, backfilled, gap-filled or replayed tick corrects its candles, and a candle computed twice
 * is the same point. The listener calls this before its offsets are committed: when InfluxDB cannot
 * answer, the poll is retried, ticks and candles alike.
 */
@Component
public class Rollups {

	private static final Logger logger = LoggerFactory.getLogger(Rollups.class);

	/**
	 * One coin's buckets at most this many buckets apart are computed by one query (hourly
	 * backfilled ticks in five-minute buckets, twelve apart, take one query per poll, not one each).
	 */
	private static final int MAX_GAP_BUCKETS = 12;

	private final RollupProperties properties;

	private final InfluxGateway influx;

	private final CandleQueries queries;

	private final RollupMeters meters;

	Rollups(RollupProperties properties, InfluxGateway influx, RollupMeters meters) {
		this.properties = properties;
		this.influx = influx;
		this.queries = new CandleQueries(influx, properties.target());
		this.meters = meters;
	}

	/**
	 * Recomputes every candle the stored ticks fall in.
	 * @throws io.cryptoviz.influx.InfluxUnavailableException when InfluxDB cannot answer or store now
	 */
	public void update(Collection<PriceTick> ticks) {
		if (!this.properties.enabled() || ticks.isEmpty()) {
			return;
		}
		long start = System.nanoTime();
		for (RollupInterval interval : RollupInterval.ladder()) {
			Map<String, NavigableSet<Instant>> buckets = bucketsByCoin(ticks, interval);
			List<Candle> candles = new ArrayList<>();
			ranges(buckets, interval).forEach((range, coins) -> {
				for (Candle candle : this.queries.compute(interval, coins, range.from(), range.to())) {
					// a range also holds buckets of its coins that no tick of this poll fell in
					if (buckets.get(candle.coin()).contains(candle.start())) {
						candles.add(candle);
					}
				}
			});
			write(candles);
		}
		this.meters.updated(Duration.ofNanos(System.nanoTime() - start));
	}

	/**
	 * Recomputes every candle of every coin in the day that starts at {@code day}, from its raw
	 * ticks; returns how many candles were written.
	 */
	int rebuildDay(Instant day) {
		Instant end = day.plus(RollupInterval.coarsest().length());
		int written = 0;
		for (RollupInterval interval : RollupInterval.ladder()) {
			written += write(this.queries.compute(interval, null, day, end));
		}
		return written;
	}

	private int write(List<Candle> candles) {
		if (candles.isEmpty()) {
			return 0;
		}
		List<String> lines = new ArrayList<>(candles.size());
		candles.forEach((candle) -> lines.add(candle.toLineProtocol()));
		WriteResult result = this.influx.write(this.properties.target(), lines, this.meters);
		if (!result.rejected().isEmpty()) {
			// only a field written by someone else with another type does this; the candle can only wait
			// for the next tick of its bucket or a rebuild once the conflict is gone
			this.meters.rejected(result.rejected().size());
			logger.warn("InfluxDB refused {} of {} candles; first: {}", result.rejected().size(), candles.size(),
					result.rejected().values().iterator().next());
		}
		return result.written();
	}

	private static Map<String, NavigableSet<Instant>> bucketsByCoin(Collection<PriceTick> ticks,
			RollupInterval interval) {
		Map<String, NavigableSet<Instant>> buckets = new TreeMap<>();
		for (PriceTick tick : ticks) {
			buckets.computeIfAbsent(tick.crypto(), (coin) -> new TreeSet<>()).add(interval.bucketOf(tick.timestamp()));
		}
		return buckets;
	}

	/**
	 * Each coin's buckets in runs of nearby buckets, and the coins of each run: coins whose ticks
	 * fall in the same buckets, as a poll of live ticks has them, share one query.
	 */
	static Map<Range, List<String>> ranges(Map<String, NavigableSet<Instant>> buckets, RollupInterval interval) {
		Duration length = interval.length();
		Duration maxGap = length.multipliedBy(MAX_GAP_BUCKETS);
		Map<Range, List<String>> ranges = new LinkedHashMap<>();
		buckets.forEach((coin, starts) -> {
			Instant from = starts.first();
			Instant last = from;
			for (Instant start : starts) {
				if (Duration.between(last, start).compareTo(maxGap) > 0) {
					ranges.computeIfAbsent(new Range(from, last.plus(length)), (range) -> new ArrayList<>()).add(coin);
					from = start;
				}
				last = start;
			}
			ranges.computeIfAbsent(new Range(from, last.plus(length)), (range) -> new ArrayList<>()).add(coin);
		});
		return ranges;
	}

	/** Bucket starts from (inclusive) to (exclusive). */
	record Range(Instant from, Instant to) {
	}

}
