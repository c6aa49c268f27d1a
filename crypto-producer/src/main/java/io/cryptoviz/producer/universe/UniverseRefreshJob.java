package io.cryptoviz.producer.universe;

import io.cryptoviz.producer.leader.Leadership;
import io.cryptoviz.producer.leader.LeadershipChanged;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Checks every second whether the coins of a {@code top:N} rule are due to be asked for again, on the
 * active producer instance only: a standby spends nothing of the key's budget.
 */
@Component
@ConditionalOnBooleanProperty(name = "cryptoviz.producer.polling-enabled", matchIfMissing = true)
class UniverseRefreshJob {

	private final CoinUniverse universe;

	private final Leadership leadership;

	UniverseRefreshJob(CoinUniverse universe, Leadership leadership) {
		this.universe = universe;
		this.leadership = leadership;
	}

	@Scheduled(fixedDelay = 1000)
	synchronized void refresh() {
		this.leadership.runIfActive(this.universe::refreshIfDue);
	}

	// before the new active instance's first poll, so that poll has the coins of the rule
	@EventListener
	@Order(Ordered.HIGHEST_PRECEDENCE)
	void onLeadershipChanged(LeadershipChanged change) {
		if (change.active()) {
			refresh();
		}
	}

}
