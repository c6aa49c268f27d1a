package io.cryptoviz.api.series;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.cryptoviz.rollup.RollupInterval;

import org.jspecify.annotations.Nullable;

/**
 * The bucket sizes a series can be grouped by. Buckets are aligned on UTC: minutes and hours on
 * the hour, days at midnight, weeks on Monday (InfluxDB aligns on the epoch, a Thursday, so
 * weeks are shifted by 4 days). A bucket's time is its start.
 */
enum Interval {

	ONE_MINUTE("1m", Duration.ofMinutes(1)), FIVE_MINUTES("5m", Duration.ofMinutes(5)),
	FIFTEEN_MINUTES("15m", Duration.ofMinutes(15)), ONE_HOUR("1h", Duration.ofHours(1)),
	FOUR_HOURS("4h", Duration.ofHours(4)), ONE_DAY("1d", Duration.ofDays(1)),
	ONE_WEEK("1w", Duration.ofDays(7), Duration.ofDays(4), "4d");

	private final String id;

	private final Duration length;

	private final Duration offset;

	private final @Nullable String offsetLiteral;

	Interval(String id, Duration length) {
		this(id, length, Duration.ZERO, null);
	}

	Interval(String id, Duration length, Duration offset, @Nullable String offsetLiteral) {
		this.id = id;
		this.length = length;
		this.offset = offset;
		this.offsetLiteral = offsetLiteral;
	}

	String id() {
		return this.id;
	}

	Duration length() {
		return this.length;
	}

	/** {@code time(1m)}, {@code time(1w, 4d)}: InfluxQL's GROUP BY clause for this interval. */
	String groupByTime() {
		return "time(" + this.id + ((this.offsetLiteral != null) ? ", " + this.offsetLiteral : "") + ")";
	}

	/** The start of the bucket that holds the instant. */
	Instant floor(Instant time) {
		long length = this.length.toMillis();
		long offset = this.offset.toMillis();
		return Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli() - offset, length) * length + offset);
	}

	/** The instant itself when it starts a bucket, otherwise the start of the next bucket. */
	Instant ceil(Instant time) {
		Instant floor = floor(time);
		return floor.equals(time) ? time : floor.plus(this.length);
	}

	/**
	 * The coarsest candles whose buckets make up this interval's exactly (a week is seven UTC days,
	 * four hours four hours); none for one minute, finer than every candle.
	 */
	Optional<RollupInterval> rollup() {
		RollupInterval coarsest = null;
		for (RollupInterval rollup : RollupInterval.ladder()) {
			long length = rollup.length().toMillis();
			if (this.length.toMillis() % length == 0 && this.offset.toMillis() % length == 0) {
				coarsest = rollup;
			}
		}
		return Optional.ofNullable(coarsest);
	}

	/** How many buckets of this interval the range touches (from inclusive, to exclusive). */
	long buckets(TimeRange range) {
		long length = this.length.toMillis();
		long offset = this.offset.toMillis();
		long first = Math.floorDiv(range.from().toEpochMilli() - offset, length);
		long last = Math.floorDiv(range.to().toEpochMilli() - 1 - offset, length);
		return last - first + 1;
	}

	/** The start of the bucket this instant falls in. */
	Instant bucketStart(Instant instant) {
		long length = this.length.toMillis();
		long offset = this.offset.toMillis();
		return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli() - offset, length) * length + offset);
	}

	/** The smallest interval that splits the range into at most {@code maxBuckets} buckets. */
	static Optional<Interval> smallestWithin(TimeRange range, long maxBuckets) {
		for (Interval interval : values()) {
			if (interval.buckets(range) <= maxBuckets) {
				return Optional.of(interval);
			}
		}
		return Optional.empty();
	}

	static Interval largest() {
		return ONE_WEEK;
	}

	static Interval parse(String parameter, String value) {
		return Choices.parse(parameter, value, ONE_MINUTE, values(), Interval::id);
	}

}
