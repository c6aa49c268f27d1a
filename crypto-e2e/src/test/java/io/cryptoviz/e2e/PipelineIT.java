package io.cryptoviz.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cryptoviz.testsupport.InfluxRows;
import io.cryptoviz.testsupport.StubResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CoinGecko → producer → Kafka → consumer → InfluxDB, with the services as deployed: their
 * executable jars in their own JVMs, configured by environment variables.
 */
class PipelineIT {

	private static Pipeline pipeline;

	@BeforeAll
	static void startPipeline() throws Exception {
		pipeline = new Pipeline();
		pipeline.coinGecko.willAnswer("/simple/price", StubResponse.fixture("simple_price.json"));
		pipeline.start("crypto-consumer", Map.of());
		pipeline.start("crypto-producer", Map.of("CRYPTOVIZ_PRODUCER_POLL_INTERVAL", "500ms"));
	}

	@AfterAll
	static void stopPipeline() {
		pipeline.close();
	}

	@Test
	void storesOnePointPerCoinAtItsEventTimeThenNothingMoreForTheSameAnswerAndNoZeroFilledFigures() {
		List<Map<String, Object>> points = awaitPoints(5);

		assertThat(points).extracting((point) -> point.get("crypto"))
			.containsExactlyInAnyOrder("bitcoin", "ethereum", "cardano", "solana", "polkadot");
		assertThat(points).filteredOn((point) -> point.get("crypto").equals("bitcoin"))
			.singleElement()
			.satisfies((bitcoin) -> assertThat(bitcoin).containsEntry("time", 1761906645000L)
				.containsEntry("source", "coingecko")
				.containsEntry("price_usd", 109724.51234567)
				.containsEntry("price_eur", 98432.10987654)
				.containsEntry("change_24h", 2.3412874)
				.containsEntry("market_cap", 2186543028396.1848)
				.containsEntry("volume_24h", 45123456789.3321));
		assertThat(InfluxRows.query(pipeline.influx, Pipeline.DATABASE, "SHOW FIELD KEYS FROM crypto_price"))
			.extracting((field) -> field.get("fieldKey") + ":" + field.get("fieldType"))
			.containsExactlyInAnyOrder("price_usd:float", "price_eur:float", "change_24h:float", "market_cap:float",
					"volume_24h:float");

		// the same answer, polled again and again, adds nothing
		int polls = pipeline.coinGecko.requests().size();
		await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.coinGecko.requests().size() >= polls + 3);
		assertThat(InfluxRows.cryptoPrices(pipeline.influx, Pipeline.DATABASE)).hasSize(5);

		// the partial answer: new times for bitcoin, ethereum and solana; cardano unchanged; polkadot absent
		pipeline.coinGecko.willAnswer("/simple/price", StubResponse.fixture("simple_price_partial.json"));
		List<Map<String, Object>> all = awaitPoints(8);
		assertThat(all).filteredOn((point) -> point.get("time").equals(1761906701000L))
			.singleElement()
			.satisfies((ethereum) -> assertThat(ethereum).containsEntry("crypto", "ethereum")
				.containsEntry("price_usd", 3860.02)
				.containsEntry("volume_24h", 27990124410.51)
				.containsEntry("price_eur", null)
				.containsEntry("market_cap", null));
		assertThat(all).filteredOn((point) -> point.get("time").equals(1761906705000L))
			.singleElement()
			.satisfies((bitcoin) -> assertThat(bitcoin).containsEntry("price_usd", 109801L)
				.containsEntry("market_cap", 2188079000000L));
	}

	private static List<Map<String, Object>> awaitPoints(int count) {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> InfluxRows.cryptoPrices(pipeline.influx, Pipeline.DATABASE).size() >= count);
		return InfluxRows.cryptoPrices(pipeline.influx, Pipeline.DATABASE);
	}

}
