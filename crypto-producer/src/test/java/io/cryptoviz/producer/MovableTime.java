package io.cryptoviz.producer;

import java.time.Instant;

import io.cryptoviz.producer.budget.Waiter;
import io.cryptoviz.testsupport.MutableClock;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * The producer on a clock the test moves: every bean that asks the time gets this clock, and a wait for
 * a turn in the call budget moves it instead of sleeping, so a month passes in seconds. It starts at
 * {@value #START_PROPERTY} when set (a test that restarts the producer goes on from where the last run
 * left the time), else at {@link #START}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MovableTime {

	public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	public static final String START_PROPERTY = "cryptoviz.test.clock-start";

	@Bean
	@Primary
	MutableClock mutableClock(Environment environment) {
		String start = environment.getProperty(START_PROPERTY);
		return new MutableClock((start != null) ? Instant.parse(start) : START);
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
