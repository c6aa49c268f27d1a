package io.cryptoviz.producer.coingecko;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cryptoviz.producer.budget.CallBudget.Purpose;
import io.cryptoviz.producer.source.CoinQuote;
import io.cryptoviz.producer.source.PriceSnapshot;
import io.cryptoviz.producer.source.PriceSource;
import io.cryptoviz.tick.TickSource;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.web.util.UriBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Live prices from CoinGecko's {@code /simple/price}: every coin in USD and EUR, with market cap, 24 h
 * volume, 24 h change and {@code last_updated_at}. The coins go in as few requests as the URL length
 * allows (every currency in each); coins CoinGecko does not know are simply absent from its answer.
 */
public class CoinGeckoPriceSource implements PriceSource {

	private static final String PATH = "/simple/price";

	private final CoinGeckoClient client;

	private final String currencies;

	private final int maxUrlLength;

	private final int fixedUrlLength;

	/**
	 * @param client CoinGecko's API
	 * @param withEur whether to ask for EUR figures beside the USD ones
	 * @param baseUrl the API base, part of every URL's length
	 * @param maxUrlLength longest request URL
	 */
	public CoinGeckoPriceSource(CoinGeckoClient client, boolean withEur, URI baseUrl, int maxUrlLength) {
		this.client = client;
		this.currencies = withEur ? "usd,eur" : "usd";
		this.maxUrlLength = maxUrlLength;
		this.fixedUrlLength = query(UriComponentsBuilder.fromUriString(baseUrl + PATH), "").build().toUriString().length();
	}

	/**
	 * @throws PriceSourceException when any request fails; the poll is tried again whole
	 */
	@Override
	public PriceSnapshot fetch(List<String> coins) {
		List<CoinQuote> quotes = new ArrayList<>();
		Set<String> unknown = new HashSet<>();
		Map<String, String> unreadable = new HashMap<>();
		for (List<String> group : split(coins)) {
			JsonNode body = this.client.get(Purpose.PRICES, PATH, (uri) -> query(uri, String.join(",", group)));
			read(group, body, quotes, unknown, unreadable);
		}
		return new PriceSnapshot(quotes, unknown, unreadable);
	}

	@Override
	public int requestsFor(List<String> coins) {
		return split(coins).size();
	}

	/**
	 * The coins in order, cut into groups whose request URL stays within the longest allowed: ids are
	 * letters, digits and '-', and the comma needs no escaping in a query, so a URL is as long as its
	 * characters. An id too long for a URL of its own still goes alone.
	 */
	List<List<String>> split(List<String> coins) {
		List<List<String>> groups = new ArrayList<>();
		List<String> group = new ArrayList<>();
		int length = this.fixedUrlLength;
		for (String coin : coins) {
			int added = coin.length() + (group.isEmpty() ? 0 : 1);
			if (!group.isEmpty() && length + added > this.maxUrlLength) {
				groups.add(group);
				group = new ArrayList<>();
				added = coin.length();
				length = this.fixedUrlLength;
			}
			group.add(coin);
			length += added;
		}
		if (!group.isEmpty()) {
			groups.add(group);
		}
		return groups;
	}

	private <B extends UriBuilder> B query(B uri, String ids) {
		uri.queryParam("ids", ids)
			.queryParam("vs_currencies", this.currencies)
			.queryParam("include_market_cap", true)
			.queryParam("include_24hr_vol", true)
			.queryParam("include_24hr_change", true)
			.queryParam("include_last_updated_at", true)
			.queryParam("precision", "full");
		return uri;
	}

	private static void read(List<String> coins, JsonNode body, List<CoinQuote> quotes, Set<String> unknown,
			Map<String, String> unreadable) {
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
