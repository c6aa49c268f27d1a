package io.cryptoviz.producer.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Waits until an instant of the budget's clock; interruptible. Tests move a clock instead. */
@FunctionalInterface
public interface Waiter {

	void waitUntil(Instant instant) throws InterruptedException;

	static Waiter sleeping(Clock clock) {
		return (instant) -> {
			Duration wait = Duration.between(clock.instant(), instant);
			if (!wait.isNegative() && !wait.isZero()) {
				Thread.sleep(wait.toMillis() + 1);
			}
		};
	}

}
