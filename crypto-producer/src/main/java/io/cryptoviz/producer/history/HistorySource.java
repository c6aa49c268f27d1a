package io.cryptoviz.producer.history;

import java.time.Instant;
import java.util.Set;

import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickSource;
import org.jspecify.annotations.Nullable;

/**
 * Where a coin's past comes from, for the price source polled live: CoinGecko's market charts through the
 * backfill path, or the simulated walk's past.
 */
public interface HistorySource {

	/** The {@code source} tag of the ticks this history publishes. */
	TickSource tickSource();

	/**
	 * The tags of the ticks that count as history already there: a gap is time without any of them. Live and
	 * history ticks of the same kind, so that switching between CoinGecko and the simulated source does not
	 * take the one's ticks for the other's.
	 */
	Set<TickSource> covers();

	/** The oldest time this source has history of; older parts of a span are left out. */
	Instant oldest(Instant now);

	/**
	 * The step that loads the newest part of the span.
	 * @param now the current time, which decides the granularity the source answers with
	 */
	HistoryStep nextStep(String coin, Span span, Instant now);

	/**
	 * Loads the step: publishes its ticks and waits for Kafka's acknowledgement.
	 * @param before the coin's last tick before the step, when it is known: a history that makes up its
	 * figures starts from it
	 * @return ticks published
	 * @throws HistoryException when the step could not be loaded
	 */
	int load(HistoryStep step, @Nullable PriceTick before);

}
