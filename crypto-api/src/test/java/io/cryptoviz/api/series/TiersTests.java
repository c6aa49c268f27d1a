package io.cryptoviz.api.series;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.cryptoviz.api.series.TierPlan.Span;
import io.cryptoviz.rollup.RollupInterval;
import io.cryptoviz.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which tier answers which part of a range: the rules of the README's "Which tier answers". */
class TiersTests {

	private static final Instant NOW = Instant.parse("2025-10-31T12:34:56Z");

	private final MutableClock clock = new MutableClock(NOW);

	private final Tiers keptForEver = tiers(Duration.ZERO);

	private final Tiers ninetyDays = tiers(Duration.ofDays(90));

	@Test
	void eachIntervalIsReadFromTheCoarsestCandlesThatMakeItUpExactly() {
		assertThat(Interval.ONE_MINUTE.rollup()).isEmpty();
		assertThat(Interval.FIVE_MINUTES.rollup()).contains(RollupInterval.FIVE_MINUTES);
		assertThat(Interval.FIFTEEN_MINUTES.rollup()).contains(RollupInterval.FIVE_MINUTES);
		assertThat(Interval.ONE_HOUR.rollup()).contains(RollupInterval.ONE_HOUR);
		assertThat(Interval.FOUR_HOURS.rollup()).contains(RollupInterval.ONE_HOUR);
		assertThat(Interval.ONE_DAY.rollup()).contains(RollupInterval.ONE_DAY);
		// a week starts on a Monday, a whole number of days after InfluxDB's Thursday epoch
		assertThat(Interval.ONE_WEEK.rollup()).contains(RollupInterval.ONE_DAY);
	}

	@Test
	void wholeClosedBucketsComeFromCandlesAndTheOpenBucketFromRawTicks() {
		TimeRange lastDay = range("2025-10-30T12:00:00Z", "2025-10-31T12:34:56Z");

		assertThat(this.keptForEver.plan(lastDay, Interval.ONE_HOUR, true, TierChoice.AUTO).spans()).containsExactly(
				span(RollupInterval.ONE_HOUR, "2025-10-30T12:00:00Z", "2025-10-31T12:00:00Z"),
				span(null, "2025-10-31T12:00:00Z", "2025-10-31T12:34:56Z"));
	}

	@Test
	void bucketsCutByFromOrToComeFromRawTicksWhileTheyHoldThem() {
		TimeRange cut = range("2025-10-01T10:30:00Z", "2025-10-01T15:10:00Z");

		assertThat(this.ninetyDays.plan(cut, Interval.ONE_HOUR, true, TierChoice.AUTO).spans()).containsExactly(
				span(null, "2025-10-01T10:30:00Z", "2025-10-01T11:00:00Z"),
				span(RollupInterval.ONE_HOUR, "2025-10-01T11:00:00Z", "2025-10-01T15:00:00Z"),
				span(null, "2025-10-01T15:00:00Z", "2025-10-01T15:10:00Z"));
	}

	@Test
	void pastTheRawRetentionCutBucketsComeWholeFromCandles() {
		// 90 days before now is 2025-08-02T12:34:56Z
		TimeRange old = range("2025-07-01T10:30:00Z", "2025-07-01T15:10:00Z");
		TimeRange acrossTheBoundary = range("2025-08-02T12:30:00Z", "2025-08-02T14:40:00Z");

		assertThat(this.ninetyDays.plan(old, Interval.ONE_HOUR, true, TierChoice.AUTO).spans())
			.containsExactly(span(RollupInterval.ONE_HOUR, "2025-07-01T10:00:00Z", "2025-07-01T16:00:00Z"));
		assertThat(this.ninetyDays.plan(acrossTheBoundary, Interval.ONE_HOUR, true, TierChoice.AUTO).spans())
			.containsExactly(span(RollupInterval.ONE_HOUR, "2025-08-02T12:00:00Z", "2025-08-02T14:00:00Z"),
					span(null, "2025-08-02T14:00:00Z", "2025-08-02T14:40:00Z"));
	}

	@Test
	void theBoundaryMovesWithTheClock() {
		TimeRange cut = range("2025-08-02T12:30:00Z", "2025-08-02T14:00:00Z");
		this.clock.set(Instant.parse("2025-10-31T12:30:00Z"));
		List<Span> atTheEdge = this.ninetyDays.plan(cut, Interval.ONE_HOUR, true, TierChoice.AUTO).spans();
		this.clock.set(Instant.parse("2025-10-31T12:30:00.001Z"));
		List<Span> pastIt = this.ninetyDays.plan(cut, Interval.ONE_HOUR, true, TierChoice.AUTO).spans();

		assertThat(atTheEdge).containsExactly(span(null, "2025-08-02T12:30:00Z", "2025-08-02T13:00:00Z"),
				span(RollupInterval.ONE_HOUR, "2025-08-02T13:00:00Z", "2025-08-02T14:00:00Z"));
		assertThat(pastIt).containsExactly(span(RollupInterval.ONE_HOUR, "2025-08-02T12:00:00Z", "2025-08-02T14:00:00Z"));
	}

	@Test
	void whatCandlesCannotAnswerOrNoWholeBucketComesFromRawTicks() {
		TimeRange lastDay = range("2025-10-30T12:00:00Z", "2025-10-31T12:00:00Z");
		TimeRange withinAnHour = range("2025-10-01T10:10:00Z", "2025-10-01T10:50:00Z");

		assertThat(this.keptForEver.plan(lastDay, Interval.ONE_HOUR, false, TierChoice.AUTO))
			.isEqualTo(TierPlan.raw(lastDay));
		assertThat(this.keptForEver.plan(lastDay, Interval.ONE_MINUTE, true, TierChoice.AUTO))
			.isEqualTo(TierPlan.raw(lastDay));
		assertThat(this.keptForEver.plan(lastDay, Interval.ONE_HOUR, true, TierChoice.RAW))
			.isEqualTo(TierPlan.raw(lastDay));
		assertThat(this.keptForEver.plan(withinAnHour, Interval.ONE_HOUR, true, TierChoice.AUTO))
			.isEqualTo(TierPlan.raw(withinAnHour));
		assertThat(new Tiers(new TierProperties(false, "crypto-rollups", null, Duration.ZERO), this.clock)
			.plan(lastDay, Interval.ONE_HOUR, true, TierChoice.AUTO)).isEqualTo(TierPlan.raw(lastDay));
	}

	@Test
	void weeksAreReadFromDailyCandlesOnMondays() {
		TimeRange october = range("2025-10-01T00:00:00Z", "2025-10-31T00:00:00Z");

		// 1 October 2025 is a Wednesday: its week is cut; the week of Monday 27th is cut by to
		assertThat(this.keptForEver.plan(october, Interval.ONE_WEEK, true, TierChoice.AUTO).spans()).containsExactly(
				span(null, "2025-10-01T00:00:00Z", "2025-10-06T00:00:00Z"),
				span(RollupInterval.ONE_DAY, "2025-10-06T00:00:00Z", "2025-10-27T00:00:00Z"),
				span(null, "2025-10-27T00:00:00Z", "2025-10-31T00:00:00Z"));
	}

	private Tiers tiers(Duration rawRetention) {
		return new Tiers(new TierProperties(true, "crypto-rollups", null, rawRetention), this.clock);
	}

	private static TimeRange range(String from, String to) {
		return new TimeRange(Instant.parse(from), Instant.parse(to));
	}

	private static Span span(RollupInterval rollup, String from, String to) {
		return new Span(rollup, Instant.parse(from), Instant.parse(to));
	}

}
