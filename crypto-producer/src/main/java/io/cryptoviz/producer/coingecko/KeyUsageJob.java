package io.cryptoviz.producer.coingecko;

import io.cryptoviz.producer.leader.Leadership;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Checks, every minute, whether the pro plan's credits are due to be asked for; on the active instance only. */
@Component
@ConditionalOnBooleanProperty(name = "cryptoviz.producer.polling-enabled", matchIfMissing = true)
class KeyUsageJob {

	private final CoinGeckoKeyUsage keyUsage;

	private final Leadership leadership;

	KeyUsageJob(CoinGeckoKeyUsage keyUsage, Leadership leadership) {
		this.keyUsage = keyUsage;
		this.leadership = leadership;
	}

	@Scheduled(fixedDelay = 60_000, initialDelay = 5_000)
	void check() {
		this.leadership.runIfActive(this.keyUsage::checkIfDue);
	}

}
