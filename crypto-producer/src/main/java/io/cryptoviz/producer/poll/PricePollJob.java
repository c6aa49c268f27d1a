package io.cryptoviz.producer.poll;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs a poll every {@code cryptoviz.producer.poll-interval}. */
@Component
@ConditionalOnBooleanProperty(name = "cryptoviz.producer.polling-enabled", matchIfMissing = true)
class PricePollJob {

	private final PricePoller poller;

	PricePollJob(PricePoller poller) {
		this.poller = poller;
	}

	@Scheduled(fixedDelayString = "${cryptoviz.producer.poll-interval}")
	void poll() {
		this.poller.pollIfDue();
	}

}
