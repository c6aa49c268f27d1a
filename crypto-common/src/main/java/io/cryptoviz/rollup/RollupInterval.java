package io.cryptoviz.rollup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The ladder of candle intervals, finest first. Each tier after the first is computed from the
 * one before it (an hour from its twelve five-minute candles), which gives the same candle as the
 * raw ticks would: open, high, low, close, volume and market cap are selections (first, max, min,
 * last), exact at every tier, and the tick count is a sum. Buckets are aligned on the epoch, as
 * InfluxDB's {@code GROUP BY time(...)} aligns them: on the hour, days at UTC midnight.
 */
public enum RollupInterval {

	FIVE_MINUTES("5m", Duration.ofMinutes(5)), ONE_HOUR("1h", Duration.ofHours(1)), ONE_DAY("1d", Duration.ofDays(1));

	private static final List<RollupInterval> LADDER = List.of(values());

	private final String id;

	private final Duration length;

	RollupInterval(String id, Duration length) {
		this.id = id;
		this.length = length;
	}

	/** {@code 5m}: the value of the candles' {@code interval} tag, and InfluxQL's duration literal. */
	public String id() {
		return this.id;
	}

	public Duration length() {
		return this.length;
	}

	/** The tier this one is computed from; {@code null} for the finest, which is computed from raw ticks. */
	public @Nullable RollupInterval finer() {
		int index = ordinal();
		return (index > 0) ? LADDER.get(index - 1) : null;
	}

	/** The start of the bucket that holds the instant. */
	public Instant bucketOf(Instant time) {
		long length = this.length.toMillis();
		return Instant.ofEpochMilli(Math.floorDiv(time.toEpochMilli(), length) * length);
	}

	/** {@code time(5m)}: InfluxQL's GROUP BY clause for this interval. */
	public String groupByTime() {
		return "time(" + this.id + ")";
	}

	public static List<RollupInterval> ladder() {
		return LADDER;
	}

	/** The coarsest interval, whose buckets hold every finer one's. */
	public static RollupInterval coarsest() {
		return LADDER.get(LADDER.size() - 1);
	}

}
