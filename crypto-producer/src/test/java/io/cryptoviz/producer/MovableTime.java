package io.cryptoviz.producer;

import java.time.Instant;

import io.cryptoviz.producer.budget.Waiter;
import io.cryptoviz.testsupport.MutableClock;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The producer on a clock the test moves: every bean that asks the time gets this clock, and a wait for
 * a turn in the call budget moves it instead of sleeping, so a month passes in seconds.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MovableTime {

	public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	@Bean
	@Primary
	MutableClock mutableClock() {
		return new MutableClock(START);
	}

	@Bean
	@Primary
	Waiter movingWaiter(MutableClock clock) {
		return (instant) -> {
			if (clock.instant().isBefore(instant)) {
				clock.set(instant);
			}
		};
	}

}
