package io.cryptoviz.producer.coingecko;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.cryptoviz.producer.budget.CallBudget.Purpose;
import io.cryptoviz.producer.universe.TopCoins;
import io.cryptoviz.tick.PriceTick;
import tools.jackson.databind.JsonNode;

/**
 * The largest coins by market cap from CoinGecko's {@code /coins/markets}, ordered
 * {@code market_cap_desc}, up to {@value #PAGE} a page (the most it serves). Entries whose id is not a
 * coin id are left out, so nothing unchecked reaches a tick.
 */
public class CoinGeckoTopCoins implements TopCoins {

	static final String PATH = "/coins/markets";

	static final int PAGE = 250;

	private final CoinGeckoClient client;

	public CoinGeckoTopCoins(CoinGeckoClient client) {
		this.client = client;
	}

	@Override
	public List<String> top(int n) {
		Set<String> ids = new LinkedHashSet<>();
		for (int page = 1; ids.size() < n && page <= requestsFor(n); page++) {
			int number = page;
			int perPage = Math.min(PAGE, n);
			JsonNode body = this.client.getArray(Purpose.COIN_LIST, PATH,
					(uri) -> uri.queryParam("vs_currency", "usd")
						.queryParam("order", "market_cap_desc")
						.queryParam("per_page", perPage)
						.queryParam("page", number)
						.queryParam("sparkline", false));
			for (JsonNode coin : body) {
				String id = coin.path("id").asString("");
				if (PriceTick.isCoinId(id) && ids.size() < n) {
					ids.add(id);
				}
			}
			if (body.size() < perPage) {
				break;
			}
		}
		return new ArrayList<>(ids);
	}

	@Override
	public int requestsFor(int n) {
		return (n + PAGE - 1) / PAGE;
	}

}
