package io.cryptoviz.producer.source;

import java.util.List;

import io.cryptoviz.tick.TickSource;

/** Where live prices come from: CoinGecko, or the simulated random walk. */
public interface PriceSource {

	/**
	 * The current figures of these coins, in one request where the source allows.
	 * @throws PriceSourceException when the source cannot answer now
	 */
	PriceSnapshot fetch(List<String> coins);

	/** How many requests to a metered service one fetch of these coins takes; none for a local source. */
	default int requestsFor(List<String> coins) {
		return 0;
	}

	/** The {@code source} that ticks from here carry. */
	TickSource tickSource();

}
