package io.cryptoviz.producer.leader;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import io.cryptoviz.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The lease's decisions, on a clock the test moves. */
class LeaderLeaseTests {

	private static final Duration LEASE = Duration.ofSeconds(9);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

	private final LeaderLease lease = new LeaderLease("first", LEASE, this.clock,
			() -> this.clock.millis() * 1_000_000);

	@Test
	void isStandbyUntilGivenThePartition() {
		assertThat(this.lease.isActive()).isFalse();
		assertThat(this.lease.activeSince()).isEmpty();
		assertThat(this.lease.standbyReason()).isEqualTo("not elected yet");
	}

	@Test
	void holdingThePartitionIsNotEnoughUntilTheCoordinatorConfirmsARenewal() {
		this.lease.hold();
		assertThat(this.lease.isActive()).isFalse();

		this.lease.renewed(now());

		assertThat(this.lease.isActive()).isTrue();
		assertThat(this.lease.activeSince()).contains(this.clock.instant());
	}

	@Test
	void stopsBeingActiveByItselfWhenNoRenewalIsConfirmedForTheLease() {
		this.lease.hold();
		this.lease.renewed(now());

		this.clock.advance(LEASE.minusMillis(1));
		assertThat(this.lease.isActive()).isTrue();
		this.clock.advance(Duration.ofMillis(1));

		assertThat(this.lease.isActive()).isFalse();
		assertThat(this.lease.runIfActive(() -> {
			throw new AssertionError("a duty ran on an instance whose lease ran out");
		})).isFalse();
		assertThat(this.lease.standbyReason())
			.isEqualTo("no renewal confirmed for 9.0 s: the group coordinator cannot be reached");
	}

	@Test
	void countsTheLeaseFromWhenTheRenewalWasSentNotWhenItWasConfirmed() {
		this.lease.hold();
		long sent = now();
		this.clock.advance(LEASE);

		this.lease.renewed(sent);

		assertThat(this.lease.isActive()).isFalse();
	}

	@Test
	void aRenewalAfterTheLeaseRanOutMakesItActiveAgainFromThen() {
		this.lease.hold();
		this.lease.renewed(now());
		this.clock.advance(LEASE.plusSeconds(5));

		this.lease.renewed(now());

		assertThat(this.lease.isActive()).isTrue();
		assertThat(this.lease.activeSince()).contains(this.clock.instant());
	}

	@Test
	void aRenewalConfirmedAfterThePartitionWasReleasedDoesNotMakeItActive() {
		this.lease.hold();
		long sent = now();
		this.lease.release("the group coordinator removed this instance from the group", Duration.ZERO);

		this.lease.renewed(sent);

		assertThat(this.lease.isActive()).isFalse();
		assertThat(this.lease.standbyReason()).isEqualTo("the group coordinator removed this instance from the group");
	}

	@Test
	void runsDutiesOnlyWhileActive() {
		assertThat(this.lease.runIfActive(() -> {
			throw new AssertionError("a duty ran on a standby");
		})).isFalse();
		this.lease.hold();
		this.lease.renewed(now());
		AtomicReference<String> ran = new AtomicReference<>();

		assertThat(this.lease.runIfActive(() -> ran.set("polled"))).isTrue();

		assertThat(ran).hasValue("polled");
	}

	@Test
	void aHandoverRefusesNewDutiesAndWaitsForTheOneUnderWay() throws Exception {
		this.lease.hold();
		this.lease.renewed(now());
		CountDownLatch finish = new CountDownLatch(1);
		CompletableFuture<Boolean> duty = dutyUnderWay(finish);
		AtomicReference<Thread> releasing = new AtomicReference<>();
		CompletableFuture<Boolean> handover = CompletableFuture.supplyAsync(() -> {
			releasing.set(Thread.currentThread());
			return this.lease.release("handed over to another instance", Duration.ofMinutes(1));
		});

		await().until(() -> releasing.get() != null && releasing.get().getState() == Thread.State.TIMED_WAITING);
		assertThat(handover).isNotDone();
		assertThat(this.lease.isActive()).isFalse();
		assertThat(this.lease.runIfActive(() -> {
			throw new AssertionError("a duty started during a handover");
		})).isFalse();

		finish.countDown();
		assertThat(duty.get()).isTrue();
		assertThat(handover.get()).as("no duty running when the handover completed").isTrue();
	}

	@Test
	void aLostPartitionDoesNotWaitForTheDutyUnderWay() throws Exception {
		this.lease.hold();
		this.lease.renewed(now());
		CountDownLatch finish = new CountDownLatch(1);
		CompletableFuture<Boolean> duty = dutyUnderWay(finish);

		assertThat(this.lease.release("the group coordinator removed this instance from the group", Duration.ZERO))
			.as("a duty was still running")
			.isFalse();

		finish.countDown();
		assertThat(duty.get()).isTrue();
	}

	/** A duty started on another thread, running until {@code finish} is counted down. */
	private CompletableFuture<Boolean> dutyUnderWay(CountDownLatch finish) throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		CompletableFuture<Boolean> duty = CompletableFuture.supplyAsync(() -> this.lease.runIfActive(() -> {
			started.countDown();
			await().until(() -> finish.getCount() == 0);
		}));
		started.await();
		return duty;
	}

	private long now() {
		return this.clock.millis() * 1_000_000;
	}

}
