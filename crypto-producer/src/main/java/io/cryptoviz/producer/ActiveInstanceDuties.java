package io.cryptoviz.producer;

import io.cryptoviz.producer.coingecko.CoinGeckoKeyUsage;
import io.cryptoviz.producer.leader.Leadership;
import io.cryptoviz.producer.leader.LeadershipChanged;
import io.cryptoviz.producer.poll.PricePoller;
import io.cryptoviz.producer.universe.CoinUniverse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The producer's scheduled duties, run on the active instance only, so a standby spends nothing of
 * the key's budget: whether a poll is due (looked at every second, or at a configured interval below
 * that; the poller keeps the cadence), whether the coins of a {@code top:N} rule are due to be asked
 * for again, and whether the pro plan's credits are. Each duty is synchronized itself, so a
 * takeover's run and a scheduled one never overlap.
 */
@Component
@ConditionalOnBooleanProperty(name = "cryptoviz.producer.polling-enabled", matchIfMissing = true)
class ActiveInstanceDuties {

	private final Leadership leadership;

	private final PricePoller poller;

	private final CoinUniverse universe;

	private final CoinGeckoKeyUsage keyUsage;

	ActiveInstanceDuties(Leadership leadership, PricePoller poller, CoinUniverse universe,
			CoinGeckoKeyUsage keyUsage) {
		this.leadership = leadership;
		this.poller = poller;
		this.universe = universe;
		this.keyUsage = keyUsage;
	}

	@Scheduled(fixedDelayString = "#{@pollCadence.tick().toMillis()}")
	void poll() {
		this.leadership.runIfActive(this.poller::pollIfDue);
	}

	@Scheduled(fixedDelay = 1000)
	void refreshCoins() {
		this.leadership.runIfActive(this.universe::refreshIfDue);
	}

	@Scheduled(fixedDelay = 60_000, initialDelay = 5_000)
	void checkKeyUsage() {
		this.leadership.runIfActive(this.keyUsage::checkIfDue);
	}

	// a new active instance polls at once, not up to a tick later (a refresh nobody polled is lost),
	// and asks for the coins of the rule first, so that poll has them
	@EventListener
	void onLeadershipChanged(LeadershipChanged change) {
		if (change.active()) {
			refreshCoins();
			poll();
		}
	}

}
