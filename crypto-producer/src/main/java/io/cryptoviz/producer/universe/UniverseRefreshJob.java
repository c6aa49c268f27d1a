package io.cryptoviz.producer.universe;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Checks every second whether the coins of a {@code top:N} rule are due to be asked for again. */
@Component
@ConditionalOnBooleanProperty(name = "cryptoviz.producer.polling-enabled", matchIfMissing = true)
class UniverseRefreshJob {

	private final CoinUniverse universe;

	UniverseRefreshJob(CoinUniverse universe) {
		this.universe = universe;
	}

	@Scheduled(fixedDelay = 1000)
	void refresh() {
		this.universe.refreshIfDue();
	}

}
