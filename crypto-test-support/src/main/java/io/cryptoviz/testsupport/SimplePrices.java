package io.cryptoviz.testsupport;

import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Answers {@code /simple/price} in the shape of {@code coingecko/simple_price.json} for whichever coins a
 * request asks, with the currencies it asks, every coin stamped with the supplier's
 * {@code last_updated_at}.
 */
public final class SimplePrices {

	public static final String PATH = "/simple/price";

	private SimplePrices() {
	}

	public static Function<CoinGeckoStub.RecordedRequest, StubResponse> answering(Supplier<Instant> lastUpdated) {
		return (request) -> {
			String ids = request.queryParameter("ids");
			String currencies = request.queryParameter("vs_currencies");
			if (ids == null || currencies == null) {
				return StubResponse.status(400, "{\"error\":\"Missing parameter ids or vs_currencies\"}");
			}
			long updated = lastUpdated.get().getEpochSecond();
			StringBuilder json = new StringBuilder("{");
			String[] coins = ids.split(",");
			for (int i = 0; i < coins.length; i++) {
				double usd = 1 + Math.floorMod(coins[i].hashCode(), 100_000) / 10.0;
				json.append((i > 0) ? "," : "").append('"').append(coins[i]).append("\":{");
				for (String currency : currencies.split(",")) {
					double price = currency.equals("eur") ? usd * 0.92 : usd;
					json.append(String.format(Locale.ROOT,
							"\"%s\":%s,\"%s_market_cap\":%s,\"%s_24h_vol\":%s,\"%s_24h_change\":1.25,", currency,
							price, currency, price * 1.0e9, currency, price * 5.0e7, currency));
				}
				json.append("\"last_updated_at\":").append(updated).append('}');
			}
			return StubResponse.ok(json.append('}').toString());
		};
	}

}
