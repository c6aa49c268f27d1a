package io.cryptoviz.producer.backfill;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.cryptoviz.producer.budget.CallBudget.Purpose;
import io.cryptoviz.producer.coingecko.CoinGeckoClient;
import io.cryptoviz.producer.source.PriceSourceException;
import io.cryptoviz.producer.source.PriceSourceException.Kind;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Asks CoinGecko for one coin's history in one currency over one chunk, and reads the answer. The call
 * spends from the call budget as history: it waits for what live polling leaves.
 */
class MarketChartReader {

	private final CoinGeckoClient client;

	MarketChartReader(CoinGeckoClient client) {
		this.client = client;
	}

	/**
	 * @throws PriceSourceException when CoinGecko does not answer, or not with a market chart
	 */
	MarketChart fetch(String coin, Currency currency, Chunk chunk) {
		JsonNode body = this.client.get(Purpose.HISTORY, "/coins/" + coin + "/market_chart/range",
				(uri) -> uri.queryParam("vs_currency", currency.id())
					.queryParam("from", chunk.from().getEpochSecond())
					.queryParam("to", chunk.to().getEpochSecond())
					.queryParam("precision", "full"));
		JsonNode prices = body.get("prices");
		if (prices == null || !prices.isArray()) {
			throw new PriceSourceException(Kind.MALFORMED,
					"CoinGecko's market chart of " + coin + " in " + currency + " has no prices array");
		}
		int[] unreadable = new int[1];
		return new MarketChart(series(prices, unreadable), series(body.get("market_caps"), unreadable),
				series(body.get("total_volumes"), unreadable), unreadable[0]);
	}

	private static List<MarketChart.Point> series(@Nullable JsonNode array, int[] unreadable) {
		List<MarketChart.Point> points = new ArrayList<>();
		if (array == null || !array.isArray()) {
			return points;
		}
		for (JsonNode entry : array) {
			MarketChart.Point point = point(entry);
			if (point != null) {
				points.add(point);
			}
			else {
				unreadable[0]++;
			}
		}
		return points;
	}

	private static MarketChart.@Nullable Point point(JsonNode entry) {
		if (!entry.isArray() || entry.size() != 2 || !entry.get(0).isNumber() || !entry.get(1).isNumber()) {
			return null;
		}
		JsonNode time = entry.get(0);
		// the time as CoinGecko gives it, odd milliseconds and all: a rerun must land on the same point
		if (!time.isIntegralNumber() && time.asDouble() != Math.rint(time.asDouble())) {
			return null;
		}
		return new MarketChart.Point(time.isIntegralNumber() ? time.asLong() : (long) time.asDouble(),
				entry.get(1).asDouble());
	}

	/** The currencies of a tick that a market chart can give. */
	enum Currency {

		USD, EUR;

		String id() {
			return name().toLowerCase(Locale.ROOT);
		}

		@Override
		public String toString() {
			return name();
		}

	}

}
