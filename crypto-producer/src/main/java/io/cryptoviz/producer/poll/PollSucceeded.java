package io.cryptoviz.producer.poll;

import java.time.Instant;
import java.util.List;

import io.cryptoviz.tick.PriceTick;

/**
 * A poll got its answer and Kafka acknowledged every tick it published (possibly none: nothing had moved).
 * Published on the polling thread, right after the poll.
 *
 * @param at when the poll ended
 * @param published the ticks it published, each acknowledged
 */
public record PollSucceeded(Instant at, List<PriceTick> published) {

	public PollSucceeded {
		published = List.copyOf(published);
	}

}
