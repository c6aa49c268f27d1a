package io.cryptoviz.producer.coingecko;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cryptoviz.producer.source.CoinQuote;
import io.cryptoviz.producer.source.PriceSnapshot;
import io.cryptoviz.producer.source.PriceSource;
import io.cryptoviz.tick.TickSource;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Live prices from CoinGecko's {@code /simple/price}: one request for every coin, in USD and EUR,
 * with market cap, 24 h volume, 24 h change and {@code last_updated_at}. Coins CoinGecko does not
 * know are simply absent from its answer.
 */
public class CoinGeckoPriceSource implements PriceSource {

	private final CoinGeckoClient client;

	private final String currencies;

	/**
	 * @param client CoinGecko's API
	 * @param withEur whether to ask for EUR figures beside the USD ones
	 */
	public CoinGeckoPriceSource(CoinGeckoClient client, boolean withEur) {
		this.client = client;
		this.currencies = withEur ? "usd,eur" : "usd";
	}

	@Override
	public PriceSnapshot fetch(List<String> coins) {
		JsonNode body = this.client.get("/simple/price", (uri) -> uri.queryParam("ids", String.join(",", coins))
			.queryParam("vs_currencies", this.currencies)
			.queryParam("include_market_cap", true)
			.queryParam("include_24hr_vol", true)
			.queryParam("include_24hr_change", true)
			.queryParam("include_last_updated_at", true)
			.queryParam("precision", "full"));
		List<CoinQuote> quotes = new ArrayList<>();
		Set<String> unknown = new HashSet<>();
		Map<String, String> unreadable = new HashMap<>();
		for (String coin : coins) {
			JsonNode entry = body.get(coin);
			if (entry == null) {
				unknown.add(coin);
			}
			else if (!entry.isObject()) {
				unreadable.put(coin, "entry is not a JSON object");
			}
			else {
				try {
					quotes.add(quote(coin, entry));
				}
				catch (UnreadableFieldException ex) {
					unreadable.put(coin, ex.getMessage());
				}
			}
		}
		return new PriceSnapshot(quotes, unknown, unreadable);
	}

	@Override
	public TickSource tickSource() {
		return TickSource.COINGECKO;
	}

	private static CoinQuote quote(String coin, JsonNode entry) {
		Double lastUpdated = number(entry, "last_updated_at");
		return new CoinQuote(coin, number(entry, "usd"), number(entry, "eur"), number(entry, "usd_24h_change"),
				number(entry, "usd_market_cap"), number(entry, "usd_24h_vol"),
				(lastUpdated != null) ? Instant.ofEpochSecond(lastUpdated.longValue()) : null);
	}

	/** A JSON number as a double; {@code null} when absent or null; an error for any other type. */
	private static @Nullable Double number(JsonNode entry, String field) {
		JsonNode value = entry.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isNumber()) {
			throw new UnreadableFieldException(field + " is not a number: " + CoinGeckoClient.abbreviate(value.toString()));
		}
		return value.asDouble();
	}

	private static final class UnreadableFieldException extends RuntimeException {

		UnreadableFieldException(String message) {
			super(message);
		}

	}

}
