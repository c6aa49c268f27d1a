package io.cryptoviz.producer.leader;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * This instance's role, {@code active} or {@code standby}: UP either way, a standby is a healthy
 * instance waiting its turn. DOWN only when the election itself failed, so this instance can never
 * take over.
 */
class LeaderHealthIndicator extends AbstractHealthIndicator {

	private final Leadership leadership;

	private final LeaderProperties properties;

	private final @Nullable LeaderElection election;

	LeaderHealthIndicator(Leadership leadership, LeaderProperties properties, @Nullable LeaderElection election) {
		super("Leader health check failed");
		this.leadership = leadership;
		this.properties = properties;
		this.election = election;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean active = this.leadership.isActive();
		builder.withDetail("role", active ? "active" : "standby")
			.withDetail("instance", this.leadership.instanceId());
		LeaderElection election = this.election;
		if (election == null) {
			builder.up().withDetail("election", "disabled: this instance is the only producer");
			return;
		}
		builder.withDetail("group", this.properties.groupId()).withDetail("since", election.roleSince().toString());
		if (!active) {
			builder.withDetail("reason", election.standbyReason());
		}
		String failure = election.failure();
		if (failure != null) {
			builder.down().withDetail("error", failure);
		}
		else {
			builder.up();
		}
	}

}
