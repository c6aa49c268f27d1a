package io.cryptoviz.producer.poll;

import io.cryptoviz.producer.budget.Cadence;
import io.cryptoviz.producer.budget.CallBudget;
import io.cryptoviz.producer.budget.CallBudget.Snapshot;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code coinGeckoBudget}: the plan, the cadence and the month's calls; DOWN while CoinGecko says the
 * monthly credits are used up, with since when and when the next attempt goes out. Not part of
 * readiness: restarting or rerouting does not bring credits back.
 */
@Component
class CoinGeckoBudgetHealthIndicator extends AbstractHealthIndicator {

	private final CallBudget budget;

	private final PollCadence cadence;

	CoinGeckoBudgetHealthIndicator(CallBudget budget, PollCadence cadence) {
		super("CoinGecko budget health check failed");
		this.budget = budget;
		this.cadence = cadence;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Snapshot snapshot = this.budget.snapshot();
		Cadence cadence = this.cadence.current();
		builder.status((snapshot.exhaustion() != null) ? "DOWN" : "UP")
			.withDetail("plan", snapshot.plan().id())
			.withDetail("callsPerMinute", snapshot.limits().callsPerMinute())
			.withDetail("monthlyCredits", orNone(snapshot.limits().monthlyCredits()))
			.withDetail("pollInterval", cadence.interval().toString())
			.withDetail("pollIntervalDerived", cadence.derived())
			.withDetail("requestsPerPoll", cadence.requestsPerPoll())
			.withDetail("month", snapshot.month().toString())
			.withDetail("callsThisMonth", snapshot.calls())
			.withDetail("historyCallsThisMonth", snapshot.historyCalls())
			.withDetail("projectedThisMonth", snapshot.projected())
			.withDetail("historyAllowance", orNone(snapshot.historyAllowance()));
		if (snapshot.creditsRemaining() != null) {
			builder.withDetail("creditsRemaining", snapshot.creditsRemaining());
		}
		if (snapshot.exhaustion() != null) {
			builder.withDetail("quotaExhaustedSince", snapshot.exhaustion().since().toString())
				.withDetail("quotaExhausted", snapshot.exhaustion().message())
				.withDetail("nextAttempt", String.valueOf(this.budget.pausedUntil()));
		}
	}

	private static Object orNone(@Nullable Long value) {
		return (value != null) ? value : "none";
	}

}
