package io.cryptoviz.consumer.write;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

/**
 * The earliest time InfluxDB said it will take writes again ({@code Retry-After}), shared by
 * the writer that hears it and the back-off that waits for it.
 */
@Component
public class RetryAfterHint {

	private final AtomicReference<Instant> notBefore = new AtomicReference<>(Instant.MIN);

	private final Clock clock;

	RetryAfterHint() {
		this(Clock.systemUTC());
	}

	RetryAfterHint(Clock clock) {
		this.clock = clock;
	}

	void waitAtLeast(Duration wait) {
		Instant until = this.clock.instant().plus(wait);
		this.notBefore.accumulateAndGet(until, (current, next) -> next.isAfter(current) ? next : current);
	}

	/** How much longer InfluxDB asked us to wait; zero when it did not ask or the time is up. */
	public Duration remaining() {
		Duration remaining = Duration.between(this.clock.instant(), this.notBefore.get());
		return remaining.isNegative() ? Duration.ZERO : remaining;
	}

}
