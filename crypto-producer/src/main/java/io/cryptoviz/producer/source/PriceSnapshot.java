package io.cryptoviz.producer.source;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One answer of a price source for the coins asked.
 *
 * @param quotes the coins it knows
 * @param unknown the coins it does not know (absent from its answer)
 * @param unreadable coins whose entry could not be read, with the reason
 */
public record PriceSnapshot(List<CoinQuote> quotes, Set<String> unknown, Map<String, String> unreadable) {

	public PriceSnapshot {
		quotes = List.copyOf(quotes);
		unknown = Set.copyOf(unknown);
		unreadable = Map.copyOf(unreadable);
	}

	public static PriceSnapshot of(List<CoinQuote> quotes) {
		return new PriceSnapshot(quotes, Set.of(), Map.of());
	}

}
