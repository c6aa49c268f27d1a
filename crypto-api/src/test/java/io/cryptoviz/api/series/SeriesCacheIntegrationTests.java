package io.cryptoviz.api.series;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.cryptoviz.api.ApiIntegrationTests;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.utils.ContainerTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The series caches with the defaults, against the real InfluxDB and broker: the test plays the
 * consumer (it stores a published tick and its candles, then commits past it as the consumer's
 * group), and a tick stored is in the very next history and candles answer, whether the API read
 * it from the topic before or after it was stored. Coin ripple, on 5 May 2025.
 */
class SeriesCacheIntegrationTests extends ApiIntegrationTests {

	private static final String DAY = "from=2025-05-05T00:00:00Z&to=2025-05-06T00:00:00Z";

	private static final String HISTORY = "/api/v1/coins/ripple/history?aggregation=last&interval=1h&" + DAY;

	private static final String CANDLES = "/api/v1/coins/ripple/candles?interval=1h&" + DAY;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@BeforeAll
	static void seed() {
		store(tick("ripple", "2025-05-05T10:00:00Z", 2.00, 1.80, 1.0, null, 5e9, "coingecko"));
	}

	@BeforeEach
	void listenerReady() {
		// the API reads the topic from its latest offset: only what is published once it is assigned
		ContainerTestUtils.waitForAssignment(this.listeners.getListenerContainer("crypto-api-stream"), 3);
	}

	@Test
	void aTickStoredAfterTheApiReadItIsInTheVeryNextHistoryAndCandles() {
		double before = close(get(CANDLES).json());
		assertServedFromTheCache();

		double price = before + 0.25;
		RecordMetadata published = publish("ripple", "2025-05-05T10:20:00Z", price);
		await().atMost(Duration.ofSeconds(30)).until(() -> received() > 0);
		// read while the tick is on its way: the older answer, which must not stay
		assertThat(close(get(CANDLES).json())).isEqualTo(before);
		storeAsTheConsumer("2025-05-05T10:20:00Z", price, published);

		assertThat(close(get(CANDLES).json())).isEqualTo(price);
		assertThat(last(get(HISTORY).json())).isEqualTo(price);
		// and cached again once the consumer's group has committed past it
		await().atMost(Duration.ofSeconds(30)).untilAsserted(this::assertServedFromTheCache);
		assertThat(close(get(CANDLES).json())).isEqualTo(price);
	}

	@Test
	void aTickStoredBeforeTheApiReadItIsInTheVeryNextHistoryAndCandlesOnceReadFromTheTopic() {
		get(HISTORY);
		get(CANDLES);
		assertServedFromTheCache();

		double price = 3.75;
		storeAsTheConsumer("2025-05-05T10:40:00Z", price, null);
		double received = received();
		RecordMetadata published = publish("ripple", "2025-05-05T10:40:00Z", price);
		await().atMost(Duration.ofSeconds(30)).until(() -> received() > received);

		assertThat(last(get(HISTORY).json())).isEqualTo(price);
		assertThat(close(get(CANDLES).json())).isEqualTo(price);
		commitAsTheConsumer(published);
	}

	/** Two identical requests: the second is a cache hit, for history and for candles. */
	private void assertServedFromTheCache() {
		for (String cache : List.of("history", "candles")) {
			double hits = hits(cache);
			get(cache.equals("history") ? HISTORY : CANDLES);
			get(cache.equals("history") ? HISTORY : CANDLES);
			assertThat(hits(cache)).as(cache).isGreaterThan(hits);
		}
	}

	private double hits(String cache) {
		return this.meters.get("cache.gets").tag("cache", cache).tag("result", "hit").functionCounter().count();
	}

	private double received() {
		return this.meters.get("crypto.api.ticks.received").tag("source", "coingecko").counter().count();
	}

	private RecordMetadata publish(String coin, String time, double usd) {
		Properties properties = new Properties();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.getBrokersAsString());
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(),
				new ByteArraySerializer())) {
			String json = "{\"crypto\":\"" + coin + "\",\"price_usd\":" + usd + ",\"price_eur\":" + (usd * 0.9)
					+ ",\"volume_24h\":5.0E9,\"timestamp\":\"" + time + "\",\"source\":\"coingecko\"}";
			return producer.send(new ProducerRecord<>("crypto-prices", coin, json.getBytes(StandardCharsets.UTF_8)))
				.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** What the consumer does with a poll: the ticks, their candles, then the offset. */
	private void storeAsTheConsumer(String time, double usd, RecordMetadata published) {
		store(tick("ripple", time, usd, usd * 0.9, null, null, 5e9, "coingecko"));
		if (published != null) {
			commitAsTheConsumer(published);
		}
	}

	private void commitAsTheConsumer(RecordMetadata published) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.getBrokersAsString());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "crypto-consumer");
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			TopicPartition partition = new TopicPartition(published.topic(), published.partition());
			consumer.assign(List.of(partition));
			consumer.commitSync(Map.of(partition, new OffsetAndMetadata(published.offset() + 1)));
		}
	}

	private static double close(JsonNode candles) {
		JsonNode list = candles.get("candles");
		return list.get(list.size() - 1).get("close").asDouble();
	}

	private static double last(JsonNode history) {
		JsonNode points = history.get("points");
		return points.get(points.size() - 1).get("value").asDouble();
	}

}
