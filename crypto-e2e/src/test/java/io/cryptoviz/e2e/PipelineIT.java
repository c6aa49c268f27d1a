package io.cryptoviz.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.cryptoviz.influx.Row;
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
		List<Row> points = awaitPoints(5);

		assertThat(points).extracting((point) -> point.string("crypto"))
			.containsExactlyInAnyOrder("bitcoin", "ethereum", "cardano", "solana", "polkadot");
		assertThat(points).filteredOn((point) -> point.string("crypto").equals("bitcoin"))
			.singleElement()
			.satisfies((bitcoin) -> {
				assertThat(bitcoin.time()).isEqualTo(Instant.ofEpochMilli(1761906645000L));
				assertThat(bitcoin.string("source")).isEqualTo("coingecko");
				assertThat(bitcoin.number("price_usd")).isEqualTo(109724.51234567);
				assertThat(bitcoin.number("price_eur")).isEqualTo(98432.10987654);
				assertThat(bitcoin.number("change_24h")).isEqualTo(2.3412874);
				assertThat(bitcoin.number("market_cap")).isEqualTo(2186543028396.1848);
				assertThat(bitcoin.number("volume_24h")).isEqualTo(45123456789.3321);
			});
		assertThat(pipeline.influx.gateway().query("SHOW FIELD KEYS FROM crypto_price"))
			.extracting((field) -> field.string("fieldKey") + ":" + field.string("fieldType"))
			.containsExactlyInAnyOrder("price_usd:float", "price_eur:float", "change_24h:float", "market_cap:float",
					"volume_24h:float");

		// the same answer, polled again and again, adds nothing
		int polls = pipeline.coinGecko.requests().size();
		await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.coinGecko.requests().size() >= polls + 3);
		assertThat(cryptoPrices()).hasSize(5);

		// the partial answer: new times for bitcoin, ethereum and solana; cardano unchanged; polkadot absent
		pipeline.coinGecko.willAnswer("/simple/price", StubResponse.fixture("simple_price_partial.json"));
		List<Row> all = awaitPoints(8);
		assertThat(all).filteredOn((point) -> point.time().equals(Instant.ofEpochMilli(1761906701000L)))
			.singleElement()
			.satisfies((ethereum) -> {
				assertThat(ethereum.string("crypto")).isEqualTo("ethereum");
				assertThat(ethereum.number("price_usd")).isEqualTo(3860.02);
				assertThat(ethereum.number("volume_24h")).isEqualTo(27990124410.51);
				assertThat(ethereum.number("price_eur")).isNull();
				assertThat(ethereum.number("market_cap")).isNull();
			});
		assertThat(all).filteredOn((point) -> point.time().equals(Instant.ofEpochMilli(1761906705000L)))
			.singleElement()
			.satisfies((bitcoin) -> {
				assertThat(bitcoin.number("price_usd")).isEqualTo(109801.0);
				assertThat(bitcoin.number("market_cap")).isEqualTo(2188079000000.0);
			});
	}

	private static List<Row> awaitPoints(int count) {
		await().atMost(Duration.ofSeconds(60)).until(() -> cryptoPrices().size() >= count);
		return cryptoPrices();
	}

	private static List<Row> cryptoPrices() {
		return pipeline.influx.gateway().query("SELECT * FROM crypto_price");
	}

}
