package io.cryptoviz.producer.poll;

import io.cryptoviz.producer.leader.Leadership;
import io.cryptoviz.producer.leader.LeadershipChanged;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs a poll every {@code cryptoviz.producer.poll-interval}, on the active producer instance only. */
@Component
@ConditionalOnBooleanProperty(name = "cryptoviz.producer.polling-enabled", matchIfMissing = true)
class PricePollJob {

	private final PricePoller poller;

	private final Leadership leadership;

	PricePollJob(PricePoller poller, Leadership leadership) {
		this.poller = poller;
		this.leadership = leadership;
	}

	// synchronized: the takeover's poll and the scheduled one never overlap
	@Scheduled(fixedDelayString = "${cryptoviz.producer.poll-interval}")
	synchronized void poll() {
		this.leadership.runIfActive(this.poller::pollIfDue);
	}

	// a new active instance polls at once, not up to an interval later: a refresh nobody polled is lost
	@EventListener
	void onLeadershipChanged(LeadershipChanged change) {
		if (change.active()) {
			poll();
		}
	}

}
