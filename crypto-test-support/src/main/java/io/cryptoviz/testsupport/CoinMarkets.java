package io.cryptoviz.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Answers {@code /coins/markets} in the shape of {@code coingecko/coins_markets.json} for any list of
 * coins, largest first, paged by {@code per_page} and {@code page} as CoinGecko pages it.
 */
public final class CoinMarkets {

	public static final String PATH = "/coins/markets";

	private CoinMarkets() {
	}

	/** Answers with the coins the supplier gives at the time of each request, ranked in that order. */
	public static Function<CoinGeckoStub.RecordedRequest, StubResponse> answering(Supplier<List<String>> ranking) {
		return (request) -> {
			List<String> coins = ranking.get();
			int perPage = number(request.queryParameter("per_page"), 100);
			int page = number(request.queryParameter("page"), 1);
			if (perPage < 1 || perPage > 250 || page < 1) {
				return StubResponse.status(400, "{\"error\":\"invalid per_page or page\"}");
			}
			int from = Math.min(coins.size(), (page - 1) * perPage);
			int to = Math.min(coins.size(), from + perPage);
			StringBuilder json = new StringBuilder("[");
			for (int i = from; i < to; i++) {
				json.append((i > from) ? "," : "").append(entry(coins.get(i), i + 1));
			}
			return StubResponse.ok(json.append(']').toString());
		};
	}

	/**
	 * {@code n} made-up coin ids of lengths from 4 to 26 characters, the range of CoinGecko's, so URL
	 * lengths come out as with real ones: {@code coin-0001}, {@code coin-0002-wrapped-stake}, ...
	 */
	public static List<String> ids(int n) {
		String[] suffixes = { "", "-x", "-token", "-network", "-wrapped-stake", "-governance-dao" };
		List<String> ids = new ArrayList<>(n);
		for (int i = 1; i <= n; i++) {
			ids.add(String.format(Locale.ROOT, "coin-%04d%s", i, suffixes[i % suffixes.length]));
		}
		return ids;
	}

	private static String entry(String id, int rank) {
		double price = 100_000.0 / rank;
		double marketCap = 2.0e12 / rank;
		return String.format(Locale.ROOT, """
				{"id":"%s","symbol":"%s","name":"%s","image":"https://example.invalid/%s.png","current_price":%s,\
				"market_cap":%.0f,"market_cap_rank":%d,"fully_diluted_valuation":%.0f,"total_volume":%.0f,\
				"high_24h":%s,"low_24h":%s,"price_change_24h":0.5,"price_change_percentage_24h":0.5,\
				"market_cap_change_24h":1000000,"market_cap_change_percentage_24h":0.5,"circulating_supply":%.1f,\
				"total_supply":%.1f,"max_supply":null,"ath":%s,"ath_change_percentage":-10.0,\
				"ath_date":"2025-10-06T18:57:42.558Z","atl":0.01,"atl_change_percentage":1000.0,\
				"atl_date":"2015-10-20T00:00:00.000Z","roi":null,"last_updated":"2025-10-31T10:30:45.123Z"}""", id,
				id.substring(0, Math.min(4, id.length())), id, id, price, marketCap, rank, marketCap, marketCap / 20,
				price * 1.01, price * 0.99, marketCap / price, marketCap / price, price * 1.1);
	}

	private static int number(String value, int absent) {
		if (value == null) {
			return absent;
		}
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
