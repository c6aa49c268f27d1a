package io.cryptoviz.producer.poll;

import io.cryptoviz.producer.leader.Leadership;
import io.cryptoviz.producer.leader.LeadershipChanged;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Looks every second (or at a configured interval below that) whether a poll is due, on the active
 * producer instance only; the poller keeps the cadence.
 */
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
	@Scheduled(fixedDelayString = "#{@pollCadence.tick().toMillis()}")
	synchronized void poll() {
		this.leadership.runIfActive(this.poller::pollIfDue);
	}

	// a new active instance polls at once, not up to a tick later: a refresh nobody polled is lost
	@EventListener
	void onLeadershipChanged(LeadershipChanged change) {
		if (change.active()) {
			poll();
		}
	}

}
