package io.cryptoviz.e2e.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cryptoviz.devstack.ServiceProcess;
import io.cryptoviz.testsupport.Fixtures;
import io.cryptoviz.testsupport.KafkaTestClients;
import io.cryptoviz.testsupport.PrometheusScrape;
import io.cryptoviz.testsupport.StubResponse;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 6: CoinGecko misbehaves in every way before it answers properly: the producer
 * survives, publishes nothing bogus, and recovers.
 */
@Tag("reliability")
class CoinGeckoMisbehaviourFaultIT {

	@Test
	void whenCoinGeckoMisbehavesThenTheProducerSurvivesPublishesNothingBogusAndRecovers() throws Exception {
		long future = Instant.now().plus(Duration.ofDays(1)).getEpochSecond();
		List<StubResponse> misbehaviour = List.of(StubResponse.rateLimited(1), StubResponse.rateLimited(null),
				StubResponse.status(500, "{}"), StubResponse.status(503, "<html>Service Unavailable</html>"),
				StubResponse.status(502, ""), StubResponse.fixture("simple_price.json").delayedBy(Duration.ofSeconds(2)),
				StubResponse.ok("{\"bitcoin\":{\"usd\":1097"),
				StubResponse.ok("<!DOCTYPE html><html><body>Checking your browser…</body></html>"),
				StubResponse.ok("{\"bitcoin\":{\"usd\":\"lots\",\"last_updated_at\":1761906645},\"ethereum\":[1,2]}"),
				StubResponse.ok("{\"bitcoin\":{\"usd\":-109724.5,\"last_updated_at\":1761906645},"
						+ "\"ethereum\":{\"usd\":0,\"last_updated_at\":1761906641}}"),
				StubResponse.ok("{\"bitcoin\":{\"usd\":109724.5,\"last_updated_at\":" + future + "}}"),
				StubResponse.ok("{\"bitcoin\":{\"usd\":109724.5,\"eur\":\"NaN\",\"last_updated_at\":1761906645}}"),
				StubResponse.ok("[]"), StubResponse.fixture("simple_price.json"));
		try (FaultPipeline pipeline = new FaultPipeline("coingecko-misbehaviour")) {
			pipeline.coinGecko.willAnswer("/simple/price", misbehaviour.toArray(StubResponse[]::new));
			pipeline.consumer(Map.of());
			ServiceProcess producer = pipeline.producer(Map.of("CRYPTOVIZ_COINGECKO_READ_TIMEOUT", "1s"));

			await().atMost(Duration.ofSeconds(90)).until(() -> pipeline.endOffsets(FaultPipeline.TOPIC) >= 5);
			int polls = pipeline.coinGecko.requests().size();
			await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.coinGecko.requests().size() >= polls + 3);
			FaultScenarios.awaitDrained(pipeline, 5);

			List<ConsumerRecord<String, byte[]>> published = KafkaTestClients.readAll(pipeline.kafka.bootstrapServers(),
					FaultPipeline.TOPIC, 5, Duration.ofSeconds(30));
			JsonMapper json = TickJson.strictMapper();
			List<PriceTick> ticks = published.stream()
				.map((record) -> json.readValue(new String(record.value(), StandardCharsets.UTF_8), PriceTick.class))
				.toList();
			// every figure from one scrape: the producer still polls the healthy stub every 200 ms, and
			// a success counted between a scrape of the total and one of the successes would be taken
			// off the failures
			PrometheusScrape meters = pipeline.scrape(producer);
			Map<String, Double> failedPollsByOutcome = new LinkedHashMap<>();
			for (String outcome : List.of("rate_limited", "unavailable", "malformed")) {
				failedPollsByOutcome.put(outcome, meters.total("crypto_polls_total", "outcome=\"" + outcome + "\""));
			}
			double failedPolls = meters.total("crypto_polls_total")
					- meters.total("crypto_polls_total", "outcome=\"success\"");
			// figures the producer refused: not the ticks of the healthy answer that did not move, nor
			// the coins an answer left out. Counted by reason, each final once the stub is healthy: the
			// count of unchanged ticks grows with every poll
			double refused = 0;
			for (String reason : List.of("unreadable", "invalid", "no_usd_price", "no_timestamp", "future_timestamp")) {
				refused += meters.total("crypto_ticks_skipped_total", "reason=\"" + reason + "\"");
			}
			Ledger.Outcome outcome = pipeline.outcome("6. CoinGecko misbehaving (stub), then healthy", ticks.size())
				.record(("%d bad answers (429 with and without Retry-After, 5xx, timeout, truncated JSON, HTML, "
						+ "wrong types, negative, future, NaN): %d failed polls, %d figures refused, 0 bogus ticks")
					.formatted(misbehaviour.size() - 1, (long) failedPolls, (long) refused));

			assertThat(ticks).extracting(PriceTick::crypto)
				.containsExactlyInAnyOrder("bitcoin", "ethereum", "cardano", "solana", "polkadot");
			assertThat(ticks).filteredOn((tick) -> tick.crypto().equals("bitcoin"))
				.singleElement()
				.satisfies((bitcoin) -> {
					assertThat(bitcoin.priceUsd()).isEqualTo(109724.51234567);
					assertThat(bitcoin.timestamp()).isEqualTo(Instant.ofEpochSecond(1761906645));
				});
			assertThat(producer.isRunning()).isTrue();
			// each answer that fails a poll whole is one failed poll: the two 429s, the three 5xx and the
			// timeout, the truncated JSON, the HTML page and the '[]'; the other four answers are read,
			// their figures refused one by one
			assertThat(failedPollsByOutcome).containsExactly(entry("rate_limited", 2.0), entry("unavailable", 4.0),
					entry("malformed", 3.0));
			assertThat(failedPolls).isEqualTo(9);
			assertThat(refused).isGreaterThanOrEqualTo(4);
			FaultScenarios.assertExactlyOnce(outcome);
		}
	}

}
