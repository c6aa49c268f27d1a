package io.cryptoviz.api.coin;

import java.util.Collection;

/**
 * The coins the data holds: those of which InfluxDB has a tick or the live stream has seen one.
 * It is what the API serves, whatever the producer tracks (a hand-typed list, a {@code top:N}
 * rule that changed since), so the API needs no copy of the producer's configuration.
 */
public interface CoinCatalog {

	/** Every coin of the data, by id, each once. */
	Collection<String> coins();

	/** Whether the data holds a tick of this coin id (already checked to be a coin id). */
	boolean holds(String coin);

}
