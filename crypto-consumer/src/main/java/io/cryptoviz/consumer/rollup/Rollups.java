package io.cryptoviz.consumer.rollup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.cryptoviz.consumer.rollup.Bucket.BucketKey;
import io.cryptoviz.influx.CryptoPriceSchema;
import io.cryptoviz.influx.InfluxGateway;
import io.cryptoviz.influx.Row;
import io.cryptoviz.influx.WriteResult;
import io.cryptoviz.rollup.CandleSchema;
import io.cryptoviz.rollup.RollupInterval;
import io.cryptoviz.tick.PriceTick;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Keeps the candles right by merging members, never by adding up: each open bucket is held in
 * memory with every member it has, keyed as InfluxDB keys them (a five-minute bucket its raw
 * points by time and source, an hour its five-minute candles by start, a day its hours), so a
 * tick merged in twice is one member and a candle computed again is the same point. Once a poll's
 * ticks are stored, they are merged into their five-minute buckets, each changed bucket's candle
 * into the bucket above it, and every changed candle is written, all tiers in one write. A
 * bucket not in memory that starts at or after its coin's horizon ({@link BucketCache}) holds
 * nothing yet but the poll's ticks and is started empty; any other (a late tick, a restart, a
 * rebalance, or one evicted to bound the memory) is read back from InfluxDB first, all such
 * buckets of a poll in one request per interval; what InfluxDB holds already includes the poll's
 * own ticks, so merging them again changes nothing.
 * The listener calls this before its offsets are committed: when InfluxDB cannot answer, the poll
 * is retried, ticks and candles alike, and a candle not known to be stored is written again.
 */
@Component
public class Rollups {

	private static final Logger logger = LoggerFactory.getLogger(Rollups.class);

	/**
	 * Buckets read back at most this many apart share a statement: reading the members of the
	 * buckets between them costs more than a statement more.
	 */
	private static final int MAX_GAP_LOADED = 1;

	private static final RollupInterval FINEST = RollupInterval.ladder().get(0);

	private final RollupProperties properties;

	private final InfluxGateway influx;

	private final CandleQueries queries;

	private final RollupMeters meters;

	private final BucketCache buckets;

	Rollups(RollupProperties properties, InfluxGateway influx, RollupMeters meters) {
		this.properties = properties;
		this.influx = influx;
		this.queries = new CandleQueries(influx, properties.target());
		this.meters = meters;
		this.buckets = new BucketCache(properties.cachedMembers());
		meters.watch(this.buckets);
	}

	/**
	 * Merges the stored ticks into the candles they fall in and writes every candle that changed.
	 * @throws io.cryptoviz.influx.InfluxUnavailableException when InfluxDB cannot answer or store now
	 */
	public void update(Collection<PriceTick> ticks) {
		if (!this.properties.enabled() || ticks.isEmpty()) {
			return;
		}
		long start = System.nanoTime();
		Map<BucketKey, List<PriceTick>> byBucket = new LinkedHashMap<>();
		for (PriceTick tick : ticks) {
			byBucket.computeIfAbsent(new BucketKey(FINEST, tick.crypto(), FINEST.bucketOf(tick.timestamp()).toEpochMilli()),
					(key) -> new ArrayList<>()).add(tick);
		}
		learnHorizons(ticks);
		Map<BucketKey, Bucket> level = obtain(FINEST, byBucket.keySet());
		byBucket.forEach((key, bucketTicks) -> {
			Bucket bucket = level.get(key);
			for (PriceTick tick : bucketTicks) {
				bucket.putPoint(tick.timestamp().toEpochMilli(), tick.source().id(), Figures.ofPoint(tick.priceUsd(),
						orNaN(tick.priceEur()), orNaN(tick.volume24h()), orNaN(tick.marketCap())));
			}
		});
		List<Bucket> touched = new ArrayList<>(level.values());
		List<Bucket> changed = unstored(level.values());
		for (RollupInterval interval = coarser(FINEST); interval != null && !changed.isEmpty();
				interval = coarser(interval)) {
			Set<BucketKey> parents = new LinkedHashSet<>();
			changed.forEach((child) -> parents.add(child.key.parent()));
			Map<BucketKey, Bucket> parentBuckets = obtain(interval, parents);
			for (Bucket child : changed) {
				parentBuckets.get(child.key.parent()).putChild(child.key.start(), child.candle());
			}
			touched.addAll(parentBuckets.values());
			changed = unstored(parentBuckets.values());
		}
		// kept before they are written: a poll retried after a failed write finds them unstored
		touched.forEach(this.buckets::put);
		store(unstored(touched));
		this.meters.updated(Duration.ofNanos(System.nanoTime() - start));
	}

	/** Forgets the buckets held in memory: they are read back from InfluxDB when ticks fall in them again. */
	void forgetBuckets() {
		this.buckets.clear();
	}

	/**
	 * Recomputes every candle of every coin in the day that starts at {@code day} from its raw
	 * ticks, read in one query and merged as the live path merges them, so a rebuilt candle is
	 * the one the consumer would have written, to the last bit; returns how many were written.
	 * Nothing is read from or kept in memory: the day's buckets hold every member there is.
	 */
	int rebuildDay(Instant day) {
		Instant end = day.plus(RollupInterval.coarsest().length());
		Map<BucketKey, Bucket> level = new LinkedHashMap<>();
		for (Row row : this.queries.points(day, end)) {
			String coin = row.tag(CandleSchema.TAG_CRYPTO);
			Instant time = row.time();
			if (coin != null && PriceTick.isCoinId(coin) && time != null) {
				BucketKey key = new BucketKey(FINEST, coin, FINEST.bucketOf(time).toEpochMilli());
				putPoint(level.computeIfAbsent(key, Bucket::new), row);
			}
		}
		List<Bucket> all = new ArrayList<>(level.values());
		while (!level.isEmpty() && level.keySet().iterator().next().parent() != null) {
			Map<BucketKey, Bucket> parents = new LinkedHashMap<>();
			for (Bucket child : level.values()) {
				parents.computeIfAbsent(child.key.parent(), Bucket::new).putChild(child.key.start(), child.candle());
			}
			all.addAll(parents.values());
			level = parents;
		}
		return store(all);
	}

	/**
	 * Asks InfluxDB, for the coins of the ticks whose horizon is not known (the first poll of
	 * theirs since the consumer started or its partitions were assigned), for their latest raw
	 * point and candle from the day of their earliest tick on: the horizon is just after them.
	 * The ticks are stored already, so every bucket they fall in is read back this once.
	 */
	private void learnHorizons(Collection<PriceTick> ticks) {
		Map<String, Instant> unknown = new TreeMap<>();
		for (PriceTick tick : ticks) {
			if (!this.buckets.knowsHorizon(tick.crypto())) {
				unknown.merge(tick.crypto(), tick.timestamp(), (a, b) -> a.isBefore(b) ? a : b);
			}
		}
		if (unknown.isEmpty()) {
			return;
		}
		Instant from = RollupInterval.coarsest().bucketOf(Collections.min(unknown.values()));
		Map<String, Long> horizons = new TreeMap<>();
		unknown.keySet().forEach((coin) -> horizons.put(coin, from.toEpochMilli()));
		List<Row> latest = new ArrayList<>(this.queries.latestPoints(unknown.keySet(), from));
		latest.addAll(this.queries.latestCandles(unknown.keySet(), from));
		for (Row row : latest) {
			String coin = row.tag(CandleSchema.TAG_CRYPTO);
			Instant time = row.time();
			if (coin != null && time != null) {
				horizons.computeIfPresent(coin, (key, horizon) -> Math.max(horizon, time.toEpochMilli() + 1));
			}
		}
		horizons.forEach(this.buckets::horizon);
	}

	/**
	 * The buckets, from memory, started empty when InfluxDB can hold no member of theirs yet, or
	 * else, all of them together, read back from InfluxDB.
	 */
	private Map<BucketKey, Bucket> obtain(RollupInterval interval, Collection<BucketKey> keys) {
		Map<BucketKey, Bucket> found = new LinkedHashMap<>();
		Map<BucketKey, Bucket> missing = new LinkedHashMap<>();
		for (BucketKey key : keys) {
			Bucket bucket = this.buckets.get(key);
			if (bucket != null) {
				found.put(key, bucket);
			}
			else if (this.buckets.unseen(key)) {
				found.put(key, new Bucket(key));
			}
			else {
				missing.put(key, new Bucket(key));
			}
		}
		if (!missing.isEmpty()) {
			load(interval, missing);
			found.putAll(missing);
			this.meters.loaded(missing.size());
		}
		return found;
	}

	/** Reads the members of the buckets from InfluxDB: raw points for the finest interval, candles below for the others. */
	private void load(RollupInterval interval, Map<BucketKey, Bucket> missing) {
		Map<String, NavigableSet<Instant>> starts = new TreeMap<>();
		missing.keySet()
			.forEach((key) -> starts.computeIfAbsent(key.coin(), (coin) -> new TreeSet<>())
				.add(Instant.ofEpochMilli(key.start())));
		Map<Range, List<String>> ranges = ranges(starts, interval, MAX_GAP_LOADED);
		RollupInterval finer = interval.finer();
		List<Row> rows = (finer == null) ? this.queries.points(ranges) : this.queries.candles(finer, ranges);
		for (Row row : rows) {
			String coin = row.tag(CandleSchema.TAG_CRYPTO);
			Instant time = row.time();
			if (coin == null || time == null) {
				continue;
			}
			Bucket bucket = missing.get(new BucketKey(interval, coin, interval.bucketOf(time).toEpochMilli()));
			if (bucket == null) {
				// a bucket of the range that is in memory already, or that no tick of the poll fell in
				continue;
			}
			if (finer == null) {
				putPoint(bucket, row);
			}
			else {
				bucket.putChild(time.toEpochMilli(), Figures.of(row));
			}
		}
	}

	/** A stored raw point, a row tagged {@code crypto} and {@code source}, into its bucket. */
	private static void putPoint(Bucket bucket, Row row) {
		Instant time = row.time();
		String source = row.tag(CryptoPriceSchema.TAG_SOURCE);
		bucket.putPoint((time != null) ? time.toEpochMilli() : 0, (source != null) ? source : "",
				Figures.ofPoint(number(row, CryptoPriceSchema.FIELD_PRICE_USD),
						number(row, CryptoPriceSchema.FIELD_PRICE_EUR), number(row, CryptoPriceSchema.FIELD_VOLUME_24H),
						number(row, CryptoPriceSchema.FIELD_MARKET_CAP)));
	}

	/** Writes the buckets' candles in one write; those InfluxDB stored are marked so. Returns how many it stored. */
	private int store(List<Bucket> buckets) {
		List<Bucket> written = new ArrayList<>(buckets.size());
		List<String> lines = new ArrayList<>(buckets.size());
		for (Bucket bucket : buckets) {
			Candle candle = bucket.toCandle();
			if (candle != null) {
				written.add(bucket);
				lines.add(candle.toLineProtocol());
			}
		}
		WriteResult result = write(lines);
		for (int i = 0; i < written.size(); i++) {
			if (!result.rejected().containsKey(i)) {
				written.get(i).markStored();
			}
		}
		return result.written();
	}

	private WriteResult write(List<String> lines) {
		if (lines.isEmpty()) {
			return new WriteResult(0, Map.of());
		}
		WriteResult result = this.influx.write(this.properties.target(), lines, this.meters);
		if (!result.rejected().isEmpty()) {
			// only a field written by someone else with another type does this; the candle can only wait
			// for the next tick of its bucket or a rebuild once the conflict is gone
			this.meters.rejected(result.rejected().size());
			logger.warn("InfluxDB refused {} of {} candles; first: {}", result.rejected().size(), lines.size(),
					result.rejected().values().iterator().next());
		}
		return result;
	}

	private static List<Bucket> unstored(Collection<Bucket> buckets) {
		List<Bucket> unstored = new ArrayList<>();
		Set<BucketKey> seen = new HashSet<>();
		for (Bucket bucket : buckets) {
			if (!bucket.stored() && seen.add(bucket.key)) {
				unstored.add(bucket);
			}
		}
		return unstored;
	}

	private static @Nullable RollupInterval coarser(RollupInterval interval) {
		List<RollupInterval> ladder = RollupInterval.ladder();
		int index = ladder.indexOf(interval);
		return (index + 1 < ladder.size()) ? ladder.get(index + 1) : null;
	}

	private static double number(Row row, String field) {
		return orNaN(row.number(field));
	}

	private static double orNaN(@Nullable Double value) {
		return (value != null) ? value : Double.NaN;
	}

	/**
	 * Each coin's buckets in runs of buckets at most {@code maxGap} apart, and the coins of each
	 * run: coins whose ticks fall in the same buckets, as a poll of live ticks has them, share one
	 * statement.
	 */
	static Map<Range, List<String>> ranges(Map<String, NavigableSet<Instant>> buckets, RollupInterval interval,
			int maxGap) {
		Duration length = interval.length();
		Duration gap = length.multipliedBy(maxGap);
		Map<Range, List<String>> ranges = new LinkedHashMap<>();
		buckets.forEach((coin, starts) -> {
			Instant from = starts.first();
			Instant last = from;
			for (Instant start : starts) {
				if (Duration.between(last, start).compareTo(gap) > 0) {
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
