package io.cryptoviz.producer.leader;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * This instance's hold on the active role. It is active while it holds the coordination partition
 * and the last renewal the coordinator confirmed was sent less than the lease ago. The coordinator
 * keeps a member at least a session timeout after the last commit it received from it, so an
 * instance that can no longer renew (paused, cut off from Kafka) stops being active a heartbeat
 * before anyone else can become it.
 * <p>
 * Time for the lease is a monotonic clock ({@link System#nanoTime()}): a wall clock set back would
 * stretch the lease.
 */
final class LeaderLease implements Leadership {

	private final String instanceId;

	private final long leaseNanos;

	private final Duration lease;

	private final LongSupplier nanoTime;

	private final Clock clock;

	private final Object monitor = new Object();

	// all guarded by monitor
	private boolean holding;

	private boolean renewed;

	private long expiresAt;

	private int running;

	private @Nullable Instant activeSince;

	private String standbyReason = "not elected yet";

	LeaderLease(String instanceId, Duration lease, Clock clock, LongSupplier nanoTime) {
		this.instanceId = instanceId;
		this.lease = lease;
		this.leaseNanos = lease.toNanos();
		this.clock = clock;
		this.nanoTime = nanoTime;
	}

	@Override
	public String instanceId() {
		return this.instanceId;
	}

	@Override
	public boolean isActive() {
		synchronized (this.monitor) {
			return activeNow();
		}
	}

	@Override
	public boolean runIfActive(Runnable duty) {
		synchronized (this.monitor) {
			if (!activeNow()) {
				return false;
			}
			this.running++;
		}
		try {
			duty.run();
			return true;
		}
		finally {
			synchronized (this.monitor) {
				this.running--;
				this.monitor.notifyAll();
			}
		}
	}

	@Override
	public Optional<Instant> activeSince() {
		synchronized (this.monitor) {
			return activeNow() ? Optional.ofNullable(this.activeSince) : Optional.empty();
		}
	}

	/** Why this instance is not active, when it is not. */
	String standbyReason() {
		synchronized (this.monitor) {
			if (this.holding && this.renewed) {
				return "no renewal confirmed for " + this.lease.toMillis() / 1000.0
						+ " s: the group coordinator cannot be reached";
			}
			return this.standbyReason;
		}
	}

	/** The coordinator gave this instance the partition: active once a renewal is confirmed. */
	void hold() {
		synchronized (this.monitor) {
			if (!this.holding) {
				this.holding = true;
				this.renewed = false;
			}
		}
	}

	/** A renewal sent at {@code sentAt} ({@link #nanoTime} units) was confirmed. */
	void renewed(long sentAt) {
		synchronized (this.monitor) {
			if (!this.holding) {
				return;
			}
			boolean wasActive = activeNow();
			this.expiresAt = sentAt + this.leaseNanos;
			this.renewed = true;
			if (!wasActive && activeNow()) {
				this.activeSince = this.clock.instant();
			}
		}
	}

	/**
	 * This instance no longer holds the partition. Duties refuse to start from now on; a duty under way
	 * is waited for up to {@code waitForDuties} (zero when the partition is already someone else's).
	 * @return whether no duty was still running when it returned
	 */
	boolean release(String reason, Duration waitForDuties) {
		synchronized (this.monitor) {
			if (this.holding) {
				this.standbyReason = reason;
			}
			this.holding = false;
			this.renewed = false;
			this.activeSince = null;
			long deadline = System.nanoTime() + waitForDuties.toNanos();
			while (this.running > 0) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.monitor, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
			return true;
		}
	}

	private boolean activeNow() {
		return this.holding && this.renewed && this.nanoTime.getAsLong() - this.expiresAt < 0;
	}

}
