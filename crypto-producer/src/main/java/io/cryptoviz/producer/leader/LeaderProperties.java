package io.cryptoviz.producer.leader;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How producer instances elect the one that polls: they are the members of one consumer group on a
 * one-partition topic, and the group coordinator gives that partition to one of them.
 *
 * @param enabled elect the active instance through Kafka; off, this instance is always active (one
 * producer only, and the backfill command)
 * @param topic the coordination topic: one partition, nothing is written to it
 * @param groupId the consumer group every producer instance of a deployment joins
 * @param instanceId this instance's name in logs, health and meters; blank: host name and process id
 * @param sessionTimeout how long the coordinator waits for a silent active instance before it gives
 * the partition to another; Kafka refuses less than its {@code group.min.session.timeout.ms} (6 s
 * by default)
 * @param heartbeatInterval how often each instance heartbeats, and the active one renews its lease
 */
@Validated
@ConfigurationProperties("cryptoviz.producer.leader")
public record LeaderProperties(boolean enabled, @NotBlank String topic, @NotBlank String groupId,
		@Nullable String instanceId, @NotNull Duration sessionTimeout, @NotNull Duration heartbeatInterval) {

	// Kafka's own rule of thumb: three heartbeats per session, so that one lost heartbeat is not a failover
	@AssertTrue(message = "heartbeat-interval must be positive and at most a third of session-timeout")
	boolean isHeartbeatWellInsideTheSession() {
		return this.sessionTimeout == null || this.heartbeatInterval == null
				|| (!this.heartbeatInterval.isNegative() && !this.heartbeatInterval.isZero()
						&& this.heartbeatInterval.multipliedBy(3).compareTo(this.sessionTimeout) <= 0);
	}

	/**
	 * How long the active instance stays active after the last renewal it sent that the coordinator
	 * confirmed: a heartbeat short of the session, so it stops before the coordinator can give the
	 * partition to anyone else.
	 */
	Duration lease() {
		return this.sessionTimeout.minus(this.heartbeatInterval);
	}

}
