package io.cryptoviz.producer.universe;

import java.util.List;

/** Where a {@code top:N} rule finds its coins. */
public interface TopCoins {

	/**
	 * The ids of the {@code n} coins with the largest market cap, largest first.
	 * @throws io.cryptoviz.producer.source.PriceSourceException when the list cannot be had now
	 */
	List<String> top(int n);

	/** Requests to a metered service one such list takes; none for a local source. */
	int requestsFor(int n);

}
