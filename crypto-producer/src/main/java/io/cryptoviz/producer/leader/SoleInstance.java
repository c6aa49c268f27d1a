package io.cryptoviz.producer.leader;

import java.time.Instant;
import java.util.Optional;

/** With the election off: this instance is the only producer, always active. */
final class SoleInstance implements Leadership {

	private final String instanceId;

	private final Instant started;

	SoleInstance(String instanceId, Instant started) {
		this.instanceId = instanceId;
		this.started = started;
	}

	@Override
	public boolean runIfActive(Runnable duty) {
		duty.run();
		return true;
	}

	@Override
	public boolean isActive() {
		return true;
	}

	@Override
	public Optional<Instant> activeSince() {
		return Optional.of(this.started);
	}

	@Override
	public String instanceId() {
		return this.instanceId;
	}

}
