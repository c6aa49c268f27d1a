package io.cryptoviz.api.series;

import java.time.Instant;

import io.cryptoviz.api.problem.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IntervalTests {

	@ParameterizedTest
	@CsvSource({ "1m, time(1m)", "5m, time(5m)", "1H, time(1h)", "1d, time(1d)", "1w, 'time(1w, 4d)'" })
	void groupsByItsOwnLiteralAndWeeksStartOnMonday(String id, String groupBy) {
		assertThat(Interval.parse("interval", id).groupByTime()).isEqualTo(groupBy);
	}

	@ParameterizedTest
	@ValueSource(strings = { "2m", "60s", "1 m", "1h; DROP DATABASE x", "1m)", "time(1m)", "1w, 0d", "∞" })
	void refusesAnythingOutsideTheFixedSet(String id) {
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> Interval.parse("interval", id))
			.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("interval"))
			.withMessageEndingWith("is not one of 1m, 5m, 15m, 1h, 4h, 1d, 1w.");
	}

	@Test
	void countsTheBucketsARangeTouches() {
		// 10:02 to 10:13 touches the 5-minute buckets of 10:00, 10:05 and 10:10
		assertThat(Interval.FIVE_MINUTES.buckets(range("2025-10-31T10:02:00Z", "2025-10-31T10:13:00Z"))).isEqualTo(3);
		// to is exclusive: 10:00 to 10:10 is two buckets, not three
		assertThat(Interval.FIVE_MINUTES.buckets(range("2025-10-31T10:00:00Z", "2025-10-31T10:10:00Z"))).isEqualTo(2);
		assertThat(Interval.ONE_DAY.buckets(range("2025-10-01T00:00:00Z", "2025-11-01T00:00:00Z"))).isEqualTo(31);
	}

	@Test
	void countsWeeksFromMonday() {
		// Monday 2025-10-27 to Monday 2025-11-03: exactly one week bucket
		assertThat(Interval.ONE_WEEK.buckets(range("2025-10-27T00:00:00Z", "2025-11-03T00:00:00Z"))).isEqualTo(1);
		// Sunday to Tuesday crosses a Monday: two
		assertThat(Interval.ONE_WEEK.buckets(range("2025-11-02T00:00:00Z", "2025-11-04T00:00:00Z"))).isEqualTo(2);
	}

	@Test
	void choosesTheSmallestIntervalWithinABudget() {
		assertThat(Interval.smallestWithin(range("2025-10-30T12:00:00Z", "2025-10-31T12:00:00Z"), 400))
			.contains(Interval.FIVE_MINUTES);
		assertThat(Interval.smallestWithin(range("2024-10-31T00:00:00Z", "2025-10-31T00:00:00Z"), 400))
			.contains(Interval.ONE_DAY);
		assertThat(Interval.smallestWithin(range("1970-01-01T00:00:00Z", "2200-01-01T00:00:00Z"), 400)).isEmpty();
	}

	private static TimeRange range(String from, String to) {
		return new TimeRange(Instant.parse(from), Instant.parse(to));
	}

}
