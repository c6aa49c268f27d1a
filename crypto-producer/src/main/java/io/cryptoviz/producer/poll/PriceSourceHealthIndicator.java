package io.cryptoviz.producer.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * DOWN when the last successful poll is older than {@code cryptoviz.producer.stale-after}: the
 * price source has been failing (or Kafka refusing ticks) for that long.
 */
@Component
class PriceSourceHealthIndicator extends AbstractHealthIndicator {

	private final PricePoller poller;

	private final ProducerProperties properties;

	private final Clock clock;

	PriceSourceHealthIndicator(PricePoller poller, ProducerProperties properties, Clock clock) {
		super("Price source health check failed");
		this.poller = poller;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Instant lastSuccess = this.poller.lastSuccess();
		Duration age = Duration.between(lastSuccess, this.clock.instant());
		builder.status((age.compareTo(this.properties.staleAfter()) > 0) ? "DOWN" : "UP")
			.withDetail("source", this.properties.source().name().toLowerCase(java.util.Locale.ROOT))
			.withDetail("lastSuccessfulPoll", lastSuccess.toString())
			.withDetail("staleAfter", this.properties.staleAfter().toString());
	}

}
