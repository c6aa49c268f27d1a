package io.cryptoviz.api.series;

import java.time.Instant;

import io.cryptoviz.api.problem.InvalidParameterException;
import io.cryptoviz.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TimeRangeTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2025-10-31T12:00:00.123456Z"));

	@Test
	void withoutEndsIsTheLast24HoursToTheMillisecond() {
		TimeRange range = TimeRange.parse(null, " ", this.clock);

		assertThat(range.from()).isEqualTo("2025-10-30T12:00:00.123Z");
		assertThat(range.to()).isEqualTo("2025-10-31T12:00:00.123Z");
	}

	@Test
	void withOnlyAnEndIsThe24HoursBeforeIt() {
		TimeRange range = TimeRange.parse(null, "2025-06-01T00:00:00Z", this.clock);

		assertThat(range.from()).isEqualTo("2025-05-31T00:00:00Z");
	}

	@Test
	void readsOffsetsAndDates() {
		TimeRange range = TimeRange.parse("2025-10-31T12:30:00+02:00", "2025-11-01", this.clock);

		assertThat(range.from()).isEqualTo("2025-10-31T10:30:00Z");
		assertThat(range.to()).isEqualTo("2025-11-01T00:00:00Z");
	}

	@ParameterizedTest
	@ValueSource(strings = { "yesterday", "2025-10-31T10:30:00", "2025-13-01", "2025-02-30T00:00:00Z", "1761906000000",
			"2025-10-31T10:30:00Z' OR 1=1 --", "2025-10-31T10:30:00Z;DROP",
			"２０２５-10-31", "2025-10-31T10:30:00Z\n2025" })
	void refusesWhatIsNotADateTimeWithOffsetOrADateNamingTheParameter(String value) {
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> TimeRange.parse(value, null, this.clock))
			.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("from"))
			.withMessageStartingWith("from '")
			.withMessageContaining("ISO-8601");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1969-12-31T23:59:59Z", "2200-01-01T00:00:01Z", "0001-01-01", "+999999999-12-31T23:59:59Z" })
	void refusesInstantsOutsideTheSupportedYears(String value) {
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> TimeRange.parse("2025-01-01", value, this.clock))
			.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("to"))
			.withMessageContaining("out of bounds");
	}

	@ParameterizedTest
	@ValueSource(strings = { "2025-10-31T10:00:00Z", "2025-10-31T11:00:00Z" })
	void refusesAnInvertedOrEmptyRange(String from) {
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> TimeRange.parse(from, "2025-10-31T10:00:00Z", this.clock))
			.satisfies((ex) -> assertThat(ex.parameter()).isEqualTo("from"))
			.withMessageContaining("must be before to");
	}

	@Test
	void quotesAnOverLongValueShortened() {
		String value = "9".repeat(5000);

		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> TimeRange.parse(value, null, this.clock))
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(200).contains("(5000 chars)"));
	}

}
