package io.cryptoviz.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTests {

	private final Clock clock = Clock.fixed(Instant.parse("2025-10-31T10:30:00Z"), ZoneOffset.UTC);

	@Test
	void readsSeconds() {
		assertThat(RetryAfter.parse("120", this.clock)).contains(Duration.ofMinutes(2));
		assertThat(RetryAfter.parse(" 5 ", this.clock)).contains(Duration.ofSeconds(5));
	}

	@Test
	void readsAnHttpDateAsTheTimeFromNow() {
		assertThat(RetryAfter.parse("Fri, 31 Oct 2025 10:31:30 GMT", this.clock)).contains(Duration.ofSeconds(90));
	}

	@Test
	void waitsNothingForADateInThePastOrNegativeSeconds() {
		assertThat(RetryAfter.parse("Fri, 31 Oct 2025 10:00:00 GMT", this.clock)).contains(Duration.ZERO);
		assertThat(RetryAfter.parse("-3", this.clock)).contains(Duration.ZERO);
	}

	@Test
	void takesNoAdviceFromAnAbsentOrUnreadableValue() {
		assertThat(RetryAfter.parse(null, this.clock)).isEmpty();
		assertThat(RetryAfter.parse("", this.clock)).isEmpty();
		assertThat(RetryAfter.parse("soon", this.clock)).isEmpty();
		assertThat(RetryAfter.parse("1.5", this.clock)).isEmpty();
	}

}
