package io.cryptoviz.api.latest;

import java.util.List;

import io.cryptoviz.api.ApiIntegrationTests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Latest ticks and the coin list, read from a real InfluxDB. */
class LatestIntegrationTests extends ApiIntegrationTests {

	@BeforeAll
	static void seed() {
		store(tick("cardano", "2025-10-31T09:00:00Z", 0.60, null, null, null, null, "backfill"),
				tick("cardano", "2025-10-31T10:00:00Z", 0.65, 0.60, 1.25, 2.3e10, 4.1e8, "coingecko"),
				tick("solana", "2025-10-31T09:00:00Z", 187.5, 172.5, -0.5, 1.0e11, 5.0e9, "coingecko"),
				// the newest solana point is a backfilled one, without EUR, change, cap or volume
				tick("solana", "2025-10-31T10:30:00Z", 180.0, null, null, null, null, "backfill"));
	}

	@Test
	void latestIsEachCoinsNewestTickWithAllItsFigures() {
		JsonNode cardano = latestOf("cardano");

		assertThat(cardano.get("price_usd").asDouble()).isEqualTo(0.65);
		assertThat(cardano.get("price_eur").asDouble()).isEqualTo(0.60);
		assertThat(cardano.get("change_24h").asDouble()).isEqualTo(1.25);
		assertThat(cardano.get("market_cap").asDouble()).isEqualTo(2.3e10);
		assertThat(cardano.get("volume_24h").asDouble()).isEqualTo(4.1e8);
		assertThat(cardano.get("timestamp").asString()).isEqualTo("2025-10-31T10:00:00Z");
		assertThat(cardano.get("source").asString()).isEqualTo("coingecko");
	}

	@Test
	void figuresTheNewestTickLacksAreNullNotZeroNorTakenFromAnOlderTick() {
		JsonNode solana = latestOf("solana");

		assertThat(solana.get("price_usd").asDouble()).isEqualTo(180.0);
		assertThat(solana.get("timestamp").asString()).isEqualTo("2025-10-31T10:30:00Z");
		assertThat(solana.get("source").asString()).isEqualTo("backfill");
		for (String missing : new String[] { "price_eur", "change_24h", "market_cap", "volume_24h" }) {
			assertThat(solana.has(missing)).as(missing).isTrue();
			assertThat(solana.get(missing).isNull()).as(missing).isTrue();
		}
	}

	@Test
	void oneCoinsLatestIsTheSameTick() {
		Answer answer = get("/api/v1/coins/cardano/latest");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json()).isEqualTo(latestOf("cardano"));
	}

	@Test
	void aCoinWithoutTicksIsNoCoinOfTheApiThoughTheProducerDefaultsNameIt() {
		Answer all = get("/api/v1/latest");
		Answer polkadot = get("/api/v1/coins/polkadot/latest");

		assertThat(all.json().valueStream().map((tick) -> tick.get("crypto").asString())).doesNotContain("polkadot");
		assertThat(polkadot.status()).isEqualTo(404);
		assertThat(polkadot.contentType()).isEqualTo("application/problem+json");
		assertThat(polkadot.json().get("type").asString()).isEqualTo("urn:cryptoviz:problem:unknown-coin");
	}

	@Test
	void coinsListsEveryCoinInfluxDbHoldsByIdWithTheTimeOfItsLatestTick() {
		JsonNode coins = get("/api/v1/coins").json();

		List<String> ids = coins.valueStream().map((coin) -> coin.get("id").asString()).toList();
		assertThat(ids).contains("cardano", "solana").doesNotContain("polkadot").isSorted();
		assertThat(coins.get(ids.indexOf("cardano")).get("latest_tick").asString()).isEqualTo("2025-10-31T10:00:00Z");
		assertThat(coins.get(ids.indexOf("solana")).get("latest_tick").asString()).isEqualTo("2025-10-31T10:30:00Z");
	}

	@Test
	void aCoinNoConfigurationNamesIsServedOnceInfluxDbHoldsIt() {
		assertThat(get("/api/v1/coins/sim-coin-123/latest").status()).isEqualTo(404);

		store(tick("sim-coin-123", "2025-10-31T09:30:00Z", 1.07, null, null, null, null, "coingecko"));

		Answer answer = get("/api/v1/coins/sim-coin-123/latest");
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("price_usd").asDouble()).isEqualTo(1.07);
		assertThat(get("/api/v1/coins").body()).contains("\"id\":\"sim-coin-123\"");
	}

	private JsonNode latestOf(String coin) {
		Answer answer = get("/api/v1/latest");
		assertThat(answer.status()).isEqualTo(200);
		return answer.json()
			.valueStream()
			.filter((tick) -> coin.equals(tick.get("crypto").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(coin + " not in " + answer.body()));
	}

}
