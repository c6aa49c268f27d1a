package io.cryptoviz.api.series;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.cryptoviz.api.series.TierPlan.Span;
import io.cryptoviz.rollup.RollupInterval;

import org.springframework.stereotype.Component;

/**
 * Chooses the tier each part of a range is read from. The candles answer the whole, closed buckets
 * of an interval they make up exactly (5m, 15m from 5m candles; 1h, 4h from 1h; 1d, 1w from 1d),
 * for what they can answer (OHLC, first, last, min, max of a price, the last market cap or
 * volume): a bucket costs a few candles instead of every tick. The raw ticks answer the rest: a
 * bucket cut by {@code from} or {@code to}, which needs the exact ticks inside the range, and the
 * bucket now open, so a tick counts the moment it is stored. Where the raw ticks no longer hold a
 * cut bucket (older than {@code cryptoviz.api.tiers.raw-retention}), the candles answer it whole.
 * Means, medians, the 24 h change and one-minute buckets need the raw ticks.
 */
@Component
class Tiers {

	private final TierProperties properties;

	private final Clock clock;

	Tiers(TierProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * @param range the range asked for
	 * @param interval its buckets
	 * @param fromCandles whether candles can answer what is asked
	 * @param choice the {@code tier} parameter: {@code raw} reads the raw ticks whatever the candles hold
	 */
	TierPlan plan(TimeRange range, Interval interval, boolean fromCandles, TierChoice choice) {
		Optional<RollupInterval> rollup = interval.rollup();
		if (!this.properties.rollups() || !fromCandles || choice == TierChoice.RAW || rollup.isEmpty()) {
			return TierPlan.raw(range);
		}
		Instant now = this.clock.instant();
		Instant rawFrom = rawFrom(now);
		Instant from = range.from();
		Instant to = range.to();
		Instant first = from.isBefore(rawFrom) ? interval.floor(from) : interval.ceil(from);
		Instant end = interval.floor(to);
		if (end.isBefore(to) && end.isBefore(rawFrom)) {
			end = interval.ceil(to);
		}
		Instant open = interval.floor(now);
		if (end.isAfter(open)) {
			end = open;
		}
		if (!first.isBefore(end)) {
			// no whole, closed bucket: nothing the candles answer better
			return TierPlan.raw(range);
		}
		List<Span> spans = new ArrayList<>(3);
		if (from.isBefore(first)) {
			spans.add(new Span(null, from, first));
		}
		spans.add(new Span(rollup.get(), first, end));
		if (end.isBefore(to)) {
			spans.add(new Span(null, end, to));
		}
		return new TierPlan(range, spans);
	}

	/** The oldest instant the raw ticks still hold. */
	Instant rawFrom(Instant now) {
		Duration retention = this.properties.rawRetention();
		return (retention.isZero() || now.minus(retention).isBefore(TimeRange.EARLIEST)) ? TimeRange.EARLIEST
				: now.minus(retention);
	}

}
