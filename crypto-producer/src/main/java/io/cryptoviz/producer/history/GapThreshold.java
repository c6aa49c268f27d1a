package io.cryptoviz.producer.history;

import java.time.Duration;

import io.cryptoviz.producer.budget.CallBudget;
import io.cryptoviz.producer.poll.PollCadence;
import io.cryptoviz.producer.poll.ProducerProperties;
import io.cryptoviz.producer.poll.ProducerProperties.SourceType;

/**
 * How long a stretch without ticks must be to count as a gap: {@code min-gap-polls} poll intervals, each at
 * least CoinGecko's data refresh (a coin's {@code last_updated_at} moves no faster than that, whatever the
 * interval). It follows the cadence, which the plan and the tracked coins decide: minutes on the demo plan.
 */
final class GapThreshold {

	private final HistoryProperties properties;

	private final PollCadence cadence;

	private final CallBudget budget;

	private final boolean simulated;

	GapThreshold(HistoryProperties properties, PollCadence cadence, CallBudget budget, ProducerProperties producer) {
		this.properties = properties;
		this.cadence = cadence;
		this.budget = budget;
		this.simulated = producer.source() == SourceType.SIMULATED;
	}

	Duration minGap() {
		Duration interval = this.cadence.interval();
		Duration refresh = this.budget.limits().dataRefresh();
		Duration poll = (!this.simulated && refresh.compareTo(interval) > 0) ? refresh : interval;
		return poll.multipliedBy(this.properties.minGapPolls());
	}

}
