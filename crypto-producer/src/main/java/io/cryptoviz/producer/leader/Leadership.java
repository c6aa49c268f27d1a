package io.cryptoviz.producer.leader;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether this producer instance is the active one: the one, among every instance of a deployment,
 * that runs the duties that must run once (polling prices, and any other duty of the kind). A
 * scheduled duty runs through {@link #runIfActive}; one that starts or stops with the role listens to
 * {@link LeadershipChanged}.
 */
public interface Leadership {

	/**
	 * Runs the duty now if this instance is the active one. A handover to another instance waits for
	 * a duty under way to finish (up to the lease), so the two never run it at the same time.
	 * @return whether the duty ran
	 */
	boolean runIfActive(Runnable duty);

	/**
	 * Whether this instance is the active one at this moment. It is a lease: it turns false by itself
	 * when the instance has not been able to confirm its role with Kafka for a while, before Kafka
	 * could give the role to another instance.
	 */
	boolean isActive();

	/** Since when this instance is the active one; empty on a standby. */
	Optional<Instant> activeSince();

	/** This instance's name, as logs, health and meters show it. */
	String instanceId();

}
