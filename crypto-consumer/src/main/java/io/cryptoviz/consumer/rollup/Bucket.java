package io.cryptoviz.consumer.rollup;

import java.util.Map;
import java.util.TreeMap;

import io.cryptoviz.rollup.RollupInterval;
import org.jspecify.annotations.Nullable;

/**
 * One coin's bucket of one interval, with every member it holds keyed as InfluxDB identifies
 * them: a five-minute bucket holds raw points by time and source, a coarser one the candles of
 * the interval below by their start. Adding a member under a key it has already replaces it, so
 * a replayed tick or a candle computed again changes nothing, and the candle
 * ({@link #candle()}) depends only on the members, never on the order they came in.
 * <p>
 * Owned by one listener thread at a time (a coin's ticks come from one partition), so not
 * synchronized.
 */
final class Bucket {

	final BucketKey key;

	private final TreeMap<Member, Figures> members = new TreeMap<>();

	private @Nullable Figures candle;

	private boolean candleKnown = true;

	/** Whether the stored candle is {@link #candle()}: false until it has been written, and after a change. */
	private boolean stored;

	Bucket(BucketKey key) {
		this.key = key;
	}

	/** A raw point: written again at the same time and source, it keeps the fields the newer write leaves out. */
	void putPoint(long time, String source, Figures point) {
		Member member = new Member(time, source);
		Figures before = this.members.get(member);
		put(member, (before != null) ? before.overwrittenBy(point) : point);
	}

	/** A candle of the interval below, which replaces the one of the same start; {@code null} removes it. */
	void putChild(long start, @Nullable Figures child) {
		Member member = new Member(start, "");
		if (child == null) {
			if (this.members.remove(member) != null) {
				changed();
			}
		}
		else {
			put(member, child);
		}
	}

	private void put(Member member, Figures figures) {
		Map.Entry<Member, Figures> last = this.members.lastEntry();
		Figures candle = this.candle;
		if (last == null || (member.time() > last.getKey().time() && this.candleKnown && candle != null)) {
			// the bucket's first or newest member, as ticks in time order come: merged into the
			// candle as aggregating every member would merge it last, to the same bits
			this.members.put(member, figures);
			this.candle = (candle == null || last == null)
					? Figures.aggregate(new long[] { member.time() }, new Figures[] { figures }, 1)
					: candle.followedBy(figures);
			this.candleKnown = true;
			this.stored = false;
			return;
		}
		Figures before = this.members.put(member, figures);
		if (!figures.equals(before)) {
			changed();
		}
	}

	private void changed() {
		this.candleKnown = false;
		this.stored = false;
	}

	/** The bucket's candle; {@code null} while it holds no USD price. */
	@Nullable Figures candle() {
		if (!this.candleKnown) {
			int size = this.members.size();
			long[] times = new long[size];
			Figures[] figures = new Figures[size];
			int i = 0;
			for (Map.Entry<Member, Figures> member : this.members.entrySet()) {
				times[i] = member.getKey().time();
				figures[i++] = member.getValue();
			}
			this.candle = Figures.aggregate(times, figures, size);
			this.candleKnown = true;
		}
		return this.candle;
	}

	boolean stored() {
		return this.stored;
	}

	void markStored() {
		this.stored = true;
	}

	int size() {
		return this.members.size();
	}

	/** The bucket's candle as it is written; {@code null} when it has none. */
	@Nullable Candle toCandle() {
		Figures candle = candle();
		return (candle != null) ? new Candle(this.key.coin(), this.key.interval(),
				java.time.Instant.ofEpochMilli(this.key.start()), candle) : null;
	}

	/** A member's identity: its time and, for raw points, their source (the tag that tells two points apart). */
	private record Member(long time, String source) implements Comparable<Member> {

		@Override
		public int compareTo(Member other) {
			int byTime = Long.compare(this.time, other.time);
			return (byTime != 0) ? byTime : this.source.compareTo(other.source);
		}

	}

	/** A bucket's identity: coin, interval and start in epoch milliseconds. */
	record BucketKey(RollupInterval interval, String coin, long start) {

		/** The bucket's end in epoch milliseconds, exclusive. */
		long end() {
			return this.start + this.interval.length().toMillis();
		}

		/** The bucket of the next coarser interval that holds this one; {@code null} for the coarsest. */
		@Nullable BucketKey parent() {
			RollupInterval coarser = coarser(this.interval);
			return (coarser == null) ? null : new BucketKey(coarser, this.coin,
					coarser.bucketOf(java.time.Instant.ofEpochMilli(this.start)).toEpochMilli());
		}

		private static @Nullable RollupInterval coarser(RollupInterval interval) {
			for (RollupInterval candidate : RollupInterval.ladder()) {
				if (candidate.finer() == interval) {
					return candidate;
				}
			}
			return null;
		}

	}

}
