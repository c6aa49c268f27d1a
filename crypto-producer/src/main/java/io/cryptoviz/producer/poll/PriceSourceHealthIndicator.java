package io.cryptoviz.producer.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.cryptoviz.producer.leader.Leadership;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * DOWN when the last successful poll is older than the poll interval and
 * {@code cryptoviz.producer.stale-after}: a poll is that late, the price source having failed (or Kafka
 * refused ticks) meanwhile. A standby does not poll, so it has nothing to be stale about; an instance
 * that just took over is given the same time.
 */
@Component
class PriceSourceHealthIndicator extends AbstractHealthIndicator {

	private final PricePoller poller;

	private final PollCadence cadence;

	private final ProducerProperties properties;

	private final Leadership leadership;

	private final Clock clock;

	PriceSourceHealthIndicator(PricePoller poller, PollCadence cadence, ProducerProperties properties,
			Leadership leadership, Clock clock) {
		super("Price source health check failed");
		this.poller = poller;
		this.cadence = cadence;
		this.properties = properties;
		this.leadership = leadership;
		this.clock = clock;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Instant lastSuccess = this.poller.lastSuccess();
		Optional<Instant> activeSince = this.leadership.activeSince();
		Instant since = activeSince.filter(lastSuccess::isBefore).orElse(lastSuccess);
		Duration age = Duration.between(since, this.clock.instant());
		Duration interval = this.cadence.interval();
		boolean stale = activeSince.isPresent() && age.compareTo(interval.plus(this.properties.staleAfter())) > 0;
		builder.status(stale ? "DOWN" : "UP")
			.withDetail("role", activeSince.isPresent() ? "active" : "standby")
			.withDetail("source", this.properties.source().name().toLowerCase(java.util.Locale.ROOT))
			.withDetail("lastSuccessfulPoll", lastSuccess.toString())
			.withDetail("pollInterval", interval.toString())
			.withDetail("staleAfter", this.properties.staleAfter().toString());
	}

}
