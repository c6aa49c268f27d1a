package io.cryptoviz.producer.backfill;

import java.util.List;

/**
 * One answer of {@code /coins/{id}/market_chart/range}: {@code [milliseconds, value]} series in the
 * currency asked for.
 *
 * @param prices prices
 * @param marketCaps market capitalisations
 * @param totalVolumes 24 h volumes
 * @param unreadable entries that were not a pair of a time and a number, left out
 */
record MarketChart(List<Point> prices, List<Point> marketCaps, List<Point> totalVolumes, int unreadable) {

	MarketChart {
		prices = List.copyOf(prices);
		marketCaps = List.copyOf(marketCaps);
		totalVolumes = List.copyOf(totalVolumes);
	}

	/**
	 * @param time epoch milliseconds, as CoinGecko gives them
	 * @param value the figure
	 */
	record Point(long time, double value) {
	}

}
