package io.cryptoviz.producer.budget;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.cryptoviz.producer.budget.CallBudget.KeyUsage;
import io.cryptoviz.producer.budget.CallBudget.Purpose;
import io.cryptoviz.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The budget on a clock that its waits move, so nothing really waits. */
@ExtendWith(OutputCaptureExtension.class)
class CallBudgetTests {

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private static final PlanLimits DEMO = new PlanLimits(30, 10_000L, Duration.ofSeconds(60));

	private final MutableClock clock = new MutableClock(START);

	private final List<Instant> waits = new ArrayList<>();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final CallBudget budget = new CallBudget(Plan.DEMO, DEMO,
			new BudgetProperties(0.1, Duration.ofHours(1), Duration.ofHours(1)), this.clock, (instant) -> {
				this.waits.add(instant);
				this.clock.set(instant);
			}, this.meters);

	@Test
	void liveCallsWaitOnlyForThePerMinuteLimit() throws InterruptedException {
		for (int i = 0; i < 30; i++) {
			this.budget.awaitTurn(Purpose.PRICES);
		}
		assertThat(this.waits).isEmpty();

		this.budget.awaitTurn(Purpose.PRICES);

		assertThat(this.waits).containsExactly(START.plusSeconds(60));
		assertThat(this.meters.counter("crypto.coingecko.calls", "purpose", "prices").count()).isEqualTo(31);
	}

	@Test
	void historyGetsTheMinutesCallsLivePollingLeavesSpacedEvenly() throws InterruptedException {
		this.budget.liveDemand(Cadence.derive(Plan.DEMO, DEMO, 5, 1, 0, 0.1), 0);

		this.budget.awaitTurn(Purpose.HISTORY);
		this.budget.awaitTurn(Purpose.HISTORY);

		// 30 a minute, one kept for live polling: 29 for history, one every 60/29 s
		assertThat(this.budget.historySpacing()).isEqualTo(Duration.ofMinutes(1).dividedBy(29));
		assertThat(this.waits).containsExactly(START.plus(Duration.ofMinutes(1).dividedBy(29)));
	}

	@Test
	void historyNeverTakesTheLastCallsOfAMinuteThatLivePollingNeeds() throws InterruptedException {
		this.budget.liveDemand(Cadence.derive(Plan.DEMO, DEMO, 250, 2, 744, 0.1), 1);
		for (int i = 0; i < 27; i++) {
			this.budget.awaitTurn(Purpose.PRICES);
		}

		// live needs a poll of 2 requests and a coin list in a minute: 3; 27 + 3 leave history none
		this.budget.awaitTurn(Purpose.HISTORY);

		assertThat(this.waits).first().isEqualTo(START.plusSeconds(60));
		assertThat(this.budget.snapshot().historyCalls()).isOne();
	}

	@Test
	void historyWaitsForTheNextMonthOnceItsShareOfTheCreditsIsSpent() throws InterruptedException {
		this.budget.liveDemand(Cadence.derive(Plan.DEMO, DEMO, 5, 1, 0, 0.1), 0);
		assertThat(this.budget.historyAllowance()).isEqualTo(10_000 - 8_988);
		for (int i = 0; i < 1_012; i++) {
			this.budget.awaitTurn(Purpose.HISTORY);
		}
		assertThat(this.budget.historyAllowance()).isZero();

		this.budget.awaitTurn(Purpose.HISTORY);

		assertThat(this.clock.instant()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
		assertThat(this.budget.snapshot().month()).hasToString("2026-02");
		assertThat(this.budget.snapshot().historyCalls()).isOne();
	}

	@Test
	void aWaitingHistoryCallCanBeInterruptedAndIsNotCounted() throws InterruptedException {
		CallBudget interrupted = new CallBudget(Plan.DEMO, DEMO,
				new BudgetProperties(0.1, Duration.ofHours(1), Duration.ofHours(1)), this.clock, (instant) -> {
					throw new InterruptedException();
				}, new SimpleMeterRegistry());
		interrupted.awaitTurn(Purpose.HISTORY);

		Throwable failure = catchThrowable(() -> interrupted.awaitTurn(Purpose.HISTORY));

		assertThat(failure).isInstanceOf(InterruptedException.class);
		assertThat(interrupted.snapshot().historyCalls()).isOne();
	}

	@Test
	void aUsedUpQuotaIsLoggedOnceAndHoldsLiveCallsToOneAnHour(CapturedOutput output) {
		this.budget.quotaExhausted("CoinGecko says the monthly credits are used up (HTTP 429, error 10006)");
		this.clock.advance(Duration.ofMinutes(5));
		this.budget.quotaExhausted("CoinGecko says the monthly credits are used up (HTTP 429, error 10006)");

		assertThat(this.budget.pausedUntil()).isEqualTo(START.plus(Duration.ofMinutes(65)));
		assertThat(this.budget.isQuotaExhausted()).isTrue();
		assertThat(output.getAll().lines().filter((line) -> line.contains("monthly credits are used up"))).hasSize(1);
		assertThat(this.meters.get("crypto.coingecko.quota.exhausted").gauge().value()).isOne();
	}

	@Test
	void historyWaitsWhileTheQuotaIsUsedUpAndGoesOnWhenTheMonthTurns() throws InterruptedException {
		this.clock.set(Instant.parse("2026-01-31T23:30:00Z"));
		this.budget.quotaExhausted("used up");

		this.budget.awaitTurn(Purpose.HISTORY);

		assertThat(this.clock.instant()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
		assertThat(this.budget.isQuotaExhausted()).isFalse();
		assertThat(this.budget.pausedUntil()).isNull();
	}

	@Test
	void aSuccessLiftsAUsedUpQuota() {
		this.budget.quotaExhausted("used up");

		this.budget.succeeded();

		assertThat(this.budget.pausedUntil()).isNull();
	}

	@Test
	void projectsTheMonthFromTheCallsSoFarAndLivePollingsRate() throws InterruptedException {
		this.budget.liveDemand(Cadence.derive(Plan.DEMO, DEMO, 5, 1, 0, 0.1), 0);
		this.clock.set(Instant.parse("2026-01-16T12:00:00Z"));
		for (int i = 0; i < 25; i++) {
			this.budget.awaitTurn(Purpose.PRICES);
		}

		// 25 so far, and 15.5 days at one call every 298 s
		assertThat(this.budget.snapshot().projected()).isEqualTo(25 + Math.round(15.5 * 86_400 * 8_988 / 2_678_400.0));
		assertThat(this.meters.get("crypto.coingecko.calls.month").gauge().value()).isEqualTo(25);
	}

	@Test
	void thePlansOwnCountTakesOverWhereTheKeyCheckGivesIt() throws InterruptedException {
		CallBudget pro = new CallBudget(Plan.PRO, new PlanLimits(250, 100_000L, Duration.ofSeconds(20)),
				new BudgetProperties(0.1, Duration.ofHours(1), Duration.ofHours(1)), this.clock, (instant) -> {
				}, this.meters);
		pro.keyUsage(new KeyUsage(250, 100_000L, 40_000L, 60_000L));
		pro.awaitTurn(Purpose.PRICES);

		assertThat(pro.snapshot().creditsRemaining()).isEqualTo(59_999);
		assertThat(this.meters.get("crypto.coingecko.credits.remaining").gauge().value()).isEqualTo(59_999);
	}

}
