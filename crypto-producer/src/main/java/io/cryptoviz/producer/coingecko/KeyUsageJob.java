package io.cryptoviz.producer.coingecko;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Checks, every minute, whether the pro plan's credits are due to be asked for. */
@Component
@ConditionalOnBooleanProperty(name = "cryptoviz.producer.polling-enabled", matchIfMissing = true)
class KeyUsageJob {

	private final CoinGeckoKeyUsage keyUsage;

	KeyUsageJob(CoinGeckoKeyUsage keyUsage) {
		this.keyUsage = keyUsage;
	}

	@Scheduled(fixedDelay = 60_000, initialDelay = 5_000)
	void check() {
		this.keyUsage.checkIfDue();
	}

}
