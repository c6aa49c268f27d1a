package io.cryptoviz.consumer.rollup;

import java.util.Iterator;
import java.util.LinkedHashMap;

import io.cryptoviz.consumer.rollup.Bucket.BucketKey;
import org.jspecify.annotations.Nullable;

/**
 * The open buckets the consumer keeps in memory, at most {@code maxMembers} members in all: the
 * least recently touched bucket goes first. Eviction is least-recently-used on purpose: ticks
 * fill the newest buckets and leave the old ones, so the buckets to keep are the ones just
 * touched, which a frequency-based policy would turn away in favour of yesterday's busiest. A
 * bucket that is not here is read again from InfluxDB when a tick falls in it, so what this
 * forgets costs a query, never a wrong candle. Shared by the listener threads (each touches the
 * buckets of its own coins), hence synchronized.
 */
final class BucketCache {

	private final int maxMembers;

	private final LinkedHashMap<BucketKey, Entry> buckets = new LinkedHashMap<>(1024, 0.75f, true);

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
			this.members -= eldest.next().members;
			eldest.remove();
		}
	}

	/**
	 * Forgets every bucket: after a rebalance another consumer may have stored ticks of our coins'
	 * buckets that we do not hold.
	 */
	synchronized void clear() {
		this.buckets.clear();
		this.members = 0;
	}

	synchronized long members() {
		return this.members;
	}

	private record Entry(Bucket bucket, int members) {
	}

}
