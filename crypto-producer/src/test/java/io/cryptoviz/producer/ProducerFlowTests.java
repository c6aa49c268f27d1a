package io.cryptoviz.producer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cryptoviz.testsupport.CoinGeckoStub;
import io.cryptoviz.testsupport.StubResponse;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The producer against a real (embedded) Kafka broker and a CoinGecko stub that misbehaves
 * before it recovers: 429 with Retry-After, a 500, a timeout, then the normal answer.
 */
@SpringBootTest(properties = { "cryptoviz.producer.poll-interval=200ms", "cryptoviz.producer.max-backoff=1s",
		"cryptoviz.coingecko.plans.keyless.calls-per-minute=600",
		"cryptoviz.coingecko.read-timeout=500ms", "server.port=0" })
@EmbeddedKafka(partitions = 3)
class ProducerFlowTests {

	private static final CoinGeckoStub stub = CoinGeckoStub.start();

	@Autowired
	private EmbeddedKafkaBroker broker;

	@DynamicPropertySource
	static void coinGecko(DynamicPropertyRegistry registry) {
		stub.willAnswer("/simple/price", StubResponse.rateLimited(2), StubResponse.status(500, "{}"),
				StubResponse.fixture("simple_price.json").delayedBy(Duration.ofSeconds(2)),
				StubResponse.fixture("simple_price.json"));
		registry.add("cryptoviz.coingecko.base-url", stub::baseUrl);
	}

	@AfterAll
	static void stopStub() {
		stub.close();
	}

	@Test
	void survivesRateLimitServerErrorAndTimeoutThenPublishesEveryCoinOnce() {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (Consumer<String, String> consumer = consumer()) {
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				KafkaTestUtils.getRecords(consumer, Duration.ofMillis(200)).forEach(records::add);
				assertThat(records).hasSizeGreaterThanOrEqualTo(5);
			});
			// the poller keeps polling the same answer; nothing more may be published
			// the prices' requests only: the history loader asks for the market charts of the fixture's past
			int requests = stub.requests("/simple/price").size();
			await().atMost(Duration.ofSeconds(30)).until(() -> stub.requests("/simple/price").size() >= requests + 3);
			KafkaTestUtils.getRecords(consumer, Duration.ofMillis(500)).forEach(records::add);
		}

		assertThat(records).extracting(ConsumerRecord::key)
			.containsExactlyInAnyOrder("bitcoin", "ethereum", "cardano", "solana", "polkadot");
		ConsumerRecord<String, String> bitcoin = records.stream()
			.filter((record) -> record.key().equals("bitcoin"))
			.findFirst()
			.orElseThrow();
		assertThat(bitcoin.value()).isEqualTo("""
				{"crypto":"bitcoin","price_usd":109724.51234567,"price_eur":98432.10987654,"change_24h":2.3412874,\
				"market_cap":2.1865430283961848E12,"volume_24h":4.51234567893321E10,"timestamp":"2025-10-31T10:30:45Z",\
				"source":"coingecko"}""");
		assertThat(bitcoin.headers().toArray()).as("no Java type headers: the JSON is the contract").isEmpty();
		// 429 with Retry-After: 2 → the next request waited at least that long
		List<CoinGeckoStub.RecordedRequest> requests = stub.requests("/simple/price");
		assertThat(Duration.between(requests.get(0).receivedAt(), requests.get(1).receivedAt()))
			.isGreaterThanOrEqualTo(Duration.ofSeconds(2));
	}

	private Consumer<String, String> consumer() {
		Map<String, Object> properties = KafkaTestUtils.consumerProps(this.broker.getBrokersAsString(), "flow-test");
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new StringDeserializer());
		consumer.subscribe(List.of("crypto-prices"));
		return consumer;
	}

}
