package io.cryptoviz.consumer.rollup;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import io.cryptoviz.consumer.rollup.Bucket.BucketKey;
import org.jspecify.annotations.Nullable;

/**
 * The open buckets the consumer keeps in memory, at most {@code maxMembers} members in all: the
 * least recently touched bucket goes first. Eviction is least-recently-used on purpose: ticks
 * fill the newest buckets and leave the old ones, so the buckets to keep are the ones just
 * touched, which a frequency-based policy would turn away in favour of yesterday's busiest. A
 * bucket that is not here is read again from InfluxDB when a tick falls in it, so what this
 * forgets costs a query, never a wrong candle.
 * <p>
 * It also keeps each coin's <em>horizon</em>, once it is known: the instant from which on every
 * member InfluxDB holds of the coin (raw point or candle) is a member of a bucket held here. A
 * bucket that starts at or after it and is not held has no stored member yet (apart from the
 * ticks being merged, which the poll brings itself), so it is started empty instead of read
 * back: in a stream of ticks in time order, that is every new bucket. Forgetting a bucket
 * moves its coin's horizon past the bucket's end; forgetting every bucket forgets the horizons.
 * Shared by the listener threads (each touches the buckets of its own coins), hence synchronized.
 */
final class BucketCache {

	private final int maxMembers;

	private final LinkedHashMap<BucketKey, Entry> buckets = new LinkedHashMap<>(1024, 0.75f, true);

	private final Map<String, Long> horizons = new HashMap<>();

	private long members;

	BucketCache(int maxMembers) {
		this.maxMembers = maxMembers;
	}

	synchronized @Nullable Bucket get(BucketKey key) {
		Entry entry = this.buckets.get(key);
		return (entry != null) ? entry.bucket : null;
	}

	/** Keeps the bucket as it is now (its members counted again), the most recently touched. */
	synchronized void put(Bucket bucket) {
		Entry before = this.buckets.put(bucket.key, new Entry(bucket, bucket.size()));
		this.members += bucket.size() - ((before != null) ? before.members : 0);
		Iterator<Entry> eldest = this.buckets.values().iterator();
		while (this.members > this.maxMembers && eldest.hasNext()) {
			Entry evicted = eldest.next();
			this.members -= evicted.members;
			eldest.remove();
			// its stored members are no longer held: a bucket that overlaps it must be read back
			BucketKey key = evicted.bucket.key;
			this.horizons.computeIfPresent(key.coin(), (coin, horizon) -> Math.max(horizon, key.end()));
		}
	}

	/** Whether the coin's horizon is known. */
	synchronized boolean knowsHorizon(String coin) {
		return this.horizons.containsKey(coin);
	}

	/**
	 * Sets the coin's horizon, in epoch milliseconds, as InfluxDB showed it after every member
	 * this consumer merged so far was stored (a horizon already known only moves later).
	 */
	synchronized void horizon(String coin, long horizon) {
		this.horizons.merge(coin, horizon, Math::max);
	}

	/** Whether InfluxDB can hold no member of the bucket but those of buckets held here: it starts at or after the horizon. */
	synchronized boolean unseen(BucketKey key) {
		Long horizon = this.horizons.get(key.coin());
		return horizon != null && key.start() >= horizon;
	}

	/**
	 * Forgets every bucket and horizon: after a rebalance another consumer may have stored ticks
	 * of our coins' buckets that we do not hold.
	 */
	synchronized void clear() {
		this.buckets.clear();
		this.horizons.clear();
		this.members = 0;
	}

	synchronized long members() {
		return this.members;
	}

	private record Entry(Bucket bucket, int members) {
	}

}
