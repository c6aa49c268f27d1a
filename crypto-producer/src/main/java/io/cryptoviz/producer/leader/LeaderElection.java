package io.cryptoviz.producer.leader;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Takes part in the election: a consumer of the coordination topic's group, on a thread of its own,
 * that, while it holds partition 0, renews the lease every heartbeat interval by committing to the
 * group. In the classic group protocol a commit keeps the member's session, and a commit from a
 * member the coordinator has removed fails: a confirmed commit proves the role.
 * <p>
 * Stopping leaves the group at once, after the duty under way, so another instance takes over
 * without waiting for the session to run out. It stops after the scheduler, so no poll starts while
 * it hands over.
 */
final class LeaderElection implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(LeaderElection.class);

	private static final Duration POLL = Duration.ofMillis(100);

	private static final String REMOVED = "the group coordinator removed this instance from the group";

	private static final String STOPPING = "this instance is stopping: handed over";

	private final LeaderLease lease;

	private final LeaderProperties properties;

	private final Supplier<Consumer<?, ?>> consumers;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final LongSupplier nanoTime;

	private final TopicPartition token;

	private final ExecutorService notifier = Executors
		.newSingleThreadExecutor((task) -> daemon(task, "leader-events"));

	private volatile boolean running;

	private long nextRenewal;

	private volatile @Nullable Thread thread;

	private volatile @Nullable Consumer<?, ?> consumer;

	private volatile @Nullable String failure;

	private volatile boolean reportedActive;

	private volatile Instant roleSince;

	LeaderElection(LeaderLease lease, LeaderProperties properties, Supplier<Consumer<?, ?>> consumers,
			ApplicationEventPublisher events, Clock clock, LongSupplier nanoTime) {
		this.lease = lease;
		this.properties = properties;
		this.consumers = consumers;
		this.events = events;
		this.clock = clock;
		this.nanoTime = nanoTime;
		this.token = new TopicPartition(properties.topic(), 0);
		this.roleSince = clock.instant();
	}

	@Override
	public void start() {
		logger.info("Instance {} joins the election (group {}, topic {}) as standby; a silent active instance is "
				+ "replaced after the session timeout of {} s", this.lease.instanceId(), this.properties.groupId(),
				this.properties.topic(), this.properties.sessionTimeout().toMillis() / 1000.0);
		this.running = true;
		Thread elector = daemon(this::run, "leader-election");
		this.thread = elector;
		elector.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Consumer<?, ?> current = this.consumer;
		if (current != null) {
			current.wakeup();
		}
		Thread elector = this.thread;
		if (elector != null) {
			try {
				elector.join(closeTimeout().plusSeconds(5).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.notifier.shutdown();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	// the scheduler stops at the default phase: stop after it, so no poll starts while handing over
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	/** Why the election stopped working, if it did: this instance can no longer become active. */
	@Nullable String failure() {
		return this.failure;
	}

	/** Why this instance is not active, when it is not. */
	String standbyReason() {
		return this.lease.standbyReason();
	}

	/** When this instance last became active or standby. */
	Instant roleSince() {
		return this.roleSince;
	}

	private void run() {
		try {
			Consumer<?, ?> elector = this.consumers.get();
			this.consumer = elector;
			try {
				elect(elector);
			}
			finally {
				// leaves the group: the revocation waits for the duty under way, and the coordinator gives
				// the partition to another instance at its next heartbeat
				elector.close(CloseOptions.timeout(closeTimeout()));
			}
		}
		catch (RuntimeException ex) {
			this.failure = ex.toString();
			logger.error("Leader election of instance {} failed: it can no longer become the active producer",
					this.lease.instanceId(), ex);
		}
		finally {
			this.lease.release("this instance stopped", Duration.ZERO);
			report();
		}
	}

	private void elect(Consumer<?, ?> elector) {
		elector.subscribe(List.of(this.token.topic()), new TokenListener());
		@Nullable String lastProblem = null;
		while (this.running) {
			try {
				// short polls: a fresh assignment is confirmed at once, not a heartbeat later
				elector.poll(POLL);
				if (elector.assignment().contains(this.token)) {
					if (!elector.paused().contains(this.token)) {
						// the partition is a token: nothing on it is ever read
						elector.pause(Set.of(this.token));
					}
					this.lease.hold();
					if (!this.lease.isActive() || this.nanoTime.getAsLong() - this.nextRenewal >= 0) {
						renew(elector);
					}
				}
				lastProblem = null;
			}
			catch (WakeupException ex) {
				// stop() ends the loop
			}
			catch (KafkaException ex) {
				if (!ex.toString().equals(lastProblem)) {
					logger.warn("Leader election of instance {}: {}; trying again", this.lease.instanceId(),
							ex.toString());
					lastProblem = ex.toString();
				}
				pause();
			}
			report();
		}
	}

	private void renew(Consumer<?, ?> elector) {
		long sentAt = this.nanoTime.getAsLong();
		this.nextRenewal = sentAt + this.properties.heartbeatInterval().toNanos();
		try {
			elector.commitSync(Map.of(this.token, new OffsetAndMetadata(0, this.lease.instanceId())),
					this.properties.heartbeatInterval());
			this.lease.renewed(sentAt);
		}
		catch (CommitFailedException ex) {
			// the coordinator no longer counts this instance in the group: someone else may have the partition
			this.lease.release(REMOVED, Duration.ZERO);
		}
		catch (RebalanceInProgressException | RetriableException ex) {
			// not confirmed: the lease runs out unless a later renewal is
		}
	}

	private void report() {
		boolean active = this.lease.isActive();
		if (active == this.reportedActive) {
			return;
		}
		this.reportedActive = active;
		this.roleSince = this.clock.instant();
		String reason = active ? "elected by the group coordinator" : this.lease.standbyReason();
		if (active) {
			logger.info("Instance {} is now the ACTIVE producer (group {})", this.lease.instanceId(),
					this.properties.groupId());
		}
		else {
			logger.warn("Instance {} is now STANDBY: {}", this.lease.instanceId(), reason);
		}
		LeadershipChanged change = new LeadershipChanged(active, this.lease.instanceId(), reason);
		if (!this.notifier.isShutdown()) {
			this.notifier.execute(() -> this.events.publishEvent(change));
		}
	}

	private void pause() {
		try {
			Thread.sleep(this.properties.heartbeatInterval().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	private Duration closeTimeout() {
		return this.properties.lease().plus(this.properties.heartbeatInterval());
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	/**
	 * Hands over on revocation, and when stopping, after the duty under way; steps down at once when the
	 * partition is lost while running, as someone else may have it already.
	 */
	private final class TokenListener implements ConsumerRebalanceListener {

		@Override
		public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
			if (partitions.contains(LeaderElection.this.token)) {
				handOver(LeaderElection.this.running ? "handed over to another instance" : STOPPING);
			}
		}

		// a stop during a rebalance loses the partition rather than revoking it: still a handover
		@Override
		public void onPartitionsLost(Collection<TopicPartition> partitions) {
			if (!partitions.contains(LeaderElection.this.token)) {
				return;
			}
			if (LeaderElection.this.running) {
				LeaderElection.this.lease.release(REMOVED, Duration.ZERO);
				report();
			}
			else {
				handOver(STOPPING);
			}
		}

		private void handOver(String reason) {
			Duration wait = LeaderElection.this.properties.lease();
			if (!LeaderElection.this.lease.release(reason, wait)) {
				logger.warn("Instance {} hands over while a duty is still running after {} s",
						LeaderElection.this.lease.instanceId(), wait.toMillis() / 1000.0);
			}
			report();
		}

		@Override
		public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
		}

	}

}
