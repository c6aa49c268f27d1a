package io.cryptoviz.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.cryptoviz.devstack.ServiceProcess;
import io.cryptoviz.e2e.stack.HttpAnswer;
import io.cryptoviz.testsupport.CoinMarkets;
import io.cryptoviz.testsupport.SimplePrices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A producer that follows {@code top:250} and an API started with its defaults, which name five
 * other coins: the API serves the 250 coins the producer tracks, learnt from the data, and still
 * refuses any other.
 */
class CoinUniverseIT {

	private static final List<String> TOP = CoinMarkets.ids(250);

	private static Pipeline pipeline;

	private static ServiceProcess api;

	@BeforeAll
	static void startPipeline() throws Exception {
		pipeline = new Pipeline();
		pipeline.coinGecko.willAnswer(CoinMarkets.PATH, CoinMarkets.answering(() -> TOP));
		pipeline.coinGecko.willAnswer(SimplePrices.PATH, SimplePrices.answering(Instant::now));
		pipeline.start("crypto-consumer", Map.of());
		api = pipeline.start("crypto-api", Map.of());
		pipeline.start("crypto-producer", Map.of("CRYPTOVIZ_COINS", "top:250", "CRYPTOVIZ_PRODUCER_POLL_INTERVAL", "2s"));
	}

	@AfterAll
	static void stopPipeline() {
		pipeline.close();
	}

	@Test
	void anApiWithItsDefaultsServesTheTopTwoHundredFiftyTheProducerTracksAndNoOtherCoin() {
		await().atMost(Duration.ofMinutes(2))
			.untilAsserted(() -> assertThat(ids(HttpAnswer.get(api.url() + "/api/v1/coins")))
				.containsExactlyElementsOf(TOP.stream().sorted().toList()));

		String last = TOP.get(TOP.size() - 1);
		HttpAnswer latest = HttpAnswer.get(api.url() + "/api/v1/coins/" + last + "/latest");
		assertThat(latest.status()).isEqualTo(200);
		assertThat(JsonPath.<String>read(latest.body(), "$.crypto")).isEqualTo(last);
		HttpAnswer sparklines = HttpAnswer.get(api.url() + "/api/v1/sparklines");
		assertThat(sparklines.status()).isEqualTo(200);
		assertThat(JsonPath.<List<String>>read(sparklines.body(), "$.sparklines[*].coin"))
			.containsExactlyElementsOf(TOP.stream().sorted().toList());

		// a default of the API's old list, which the producer does not track: unknown
		HttpAnswer polkadot = HttpAnswer.get(api.url() + "/api/v1/coins/polkadot/latest");
		assertThat(polkadot.status()).isEqualTo(404);
		assertThat(JsonPath.<String>read(polkadot.body(), "$.type")).isEqualTo("urn:cryptoviz:problem:unknown-coin");
		assertThat(HttpAnswer.get(api.url() + "/api/v1/coins/coin-0001'%20OR%20'1'='1/latest").status()).isEqualTo(404);
	}

	private static List<String> ids(HttpAnswer answer) {
		assertThat(answer.status()).isEqualTo(200);
		return JsonPath.read(answer.body(), "$[*].id");
	}

}
