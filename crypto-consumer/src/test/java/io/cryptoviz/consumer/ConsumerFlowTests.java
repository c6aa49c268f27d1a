package io.cryptoviz.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cryptoviz.consumer.deadletter.DeadLetters;
import io.cryptoviz.devstack.InfluxDbServer;
import io.cryptoviz.influx.Row;
import io.cryptoviz.testsupport.KafkaTestClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer against a real (embedded) Kafka broker and a real InfluxDB server. Each test
 * uses coins of its own, so the tests share one running pipeline without seeing each other.
 */
@SpringBootTest(properties = "server.port=0")
@EmbeddedKafka(partitions = 3)
class ConsumerFlowTests {

	static final InfluxDbServer influx = InfluxDbServer.temporary().start();

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@DynamicPropertySource
	static void influx(DynamicPropertyRegistry registry) {
		influx.createDatabases();
		registry.add("influx.url", influx::url);
	}

	@AfterAll
	static void stopInflux() {
		influx.stop();
	}

	@Test
	void storesATickAsAPointWithFloatFieldsAtItsEventTime() {
		publish(entry("alpha", tick("alpha", "109801", "\"price_eur\":98501,\"change_24h\":2.41,"
				+ "\"market_cap\":2188079000000,\"volume_24h\":45200000000,", "2025-10-31T10:31:45Z")));

		Row point = awaitPoints("alpha", 1).get(0);

		assertThat(point.time()).isEqualTo(Instant.ofEpochMilli(1761906705000L));
		assertThat(point.string("crypto")).isEqualTo("alpha");
		assertThat(point.string("source")).isEqualTo("coingecko");
		assertThat(point.number("price_usd")).isEqualTo(109801.0);
		assertThat(point.number("price_eur")).isEqualTo(98501.0);
		assertThat(point.number("change_24h")).isEqualTo(2.41);
		assertThat(point.number("market_cap")).isEqualTo(2188079000000.0);
		assertThat(point.number("volume_24h")).isEqualTo(45200000000.0);
		assertThat(influx.gateway().query("SHOW FIELD KEYS FROM crypto_price")).isNotEmpty()
			.allSatisfy((field) -> assertThat(field.string("fieldType")).isEqualTo("float"));
	}

	@Test
	void leavesOutFiguresTheTickDoesNotHave() {
		publish(entry("beta", tick("beta", "3860.02", "\"volume_24h\":27990124410.51,", "2025-10-31T10:31:41Z")));

		Row point = awaitPoints("beta", 1).get(0);

		assertThat(point.number("price_usd")).isEqualTo(3860.02);
		assertThat(point.number("volume_24h")).isEqualTo(27990124410.51);
		assertThat(point.number("price_eur")).isNull();
		assertThat(point.number("market_cap")).isNull();
		assertThat(point.number("change_24h")).isNull();
	}

	@Test
	void sendsPoisonToTheDeadLetterTopicWithItsReasonAndStoresTheGoodRecordsOfTheSameBatch() {
		List<Map.Entry<String, byte[]>> batch = new ArrayList<>();
		batch.add(entry("gamma", tick("gamma", "1.5", "", "2025-10-31T10:00:00Z")));
		batch.add(entry("gamma", "definitely not json".getBytes(StandardCharsets.UTF_8)));
		batch.add(entry("gamma", tick("gamma", "-3", "", "2025-10-31T10:00:01Z")));
		batch.add(entry("gamma", "{\"crypto\":\"gamma\",\"timestamp\":\"2025-10-31T10:00:02Z\",\"source\":\"coingecko\"}"
			.getBytes(StandardCharsets.UTF_8)));
		batch.add(entry("gamma", tick("gamma", "2.5", "", "2025-10-31T10:00:03Z")));
		batch.add(entry("gamma", new byte[] { (byte) 0xC3, (byte) 0x28, (byte) 0xFF }));
		publish(batch.toArray(Map.Entry[]::new));

		assertThat(awaitPoints("gamma", 2)).extracting((point) -> point.number("price_usd")).containsExactly(1.5, 2.5);
		List<ConsumerRecord<String, byte[]>> dead = deadLetters("gamma", 4);
		assertThat(dead).extracting((record) -> header(record, DeadLetters.REASON_HEADER))
			.satisfiesExactlyInAnyOrder(
					(reason) -> assertThat(reason).startsWith("not a tick: Unrecognized token 'definitely'"),
					(reason) -> assertThat(reason).contains("price_usd must be a positive finite number, was -3.0"),
					(reason) -> assertThat(reason).contains("price_usd is missing"),
					(reason) -> assertThat(reason).startsWith("not a tick: Unrecognized token 'Ã'"));
		assertThat(dead).filteredOn((record) -> header(record, DeadLetters.REASON_HEADER).contains("definitely"))
			.singleElement()
			.satisfies((record) -> {
				assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("definitely not json");
				assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo("crypto-prices");
			});
	}

	@Test
	void sendsAPointInfluxDbRefusesToTheDeadLetterTopicAndStoresTheRest() {
		// an integer market_cap written by someone else: our float is now a field type conflict
		// (field types are per shard; 2020 is a week no other test writes to)
		writeLine("crypto_price,crypto=delta,source=coingecko market_cap=7i 1577836800000");
		publish(entry("delta", tick("delta", "10", "\"market_cap\":1000.5,", "2020-01-01T00:00:01Z")),
				entry("delta", tick("delta", "11", "", "2020-01-01T00:00:02Z")));

		assertThat(awaitPoints("delta", 2)).extracting((point) -> point.number("price_usd")).contains(11.0);
		assertThat(deadLetters("delta", 1)).singleElement().satisfies((record) -> {
			assertThat(header(record, DeadLetters.REASON_HEADER)).startsWith("InfluxDB refused the point (HTTP 400)")
				.contains("field type conflict");
			assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("\"crypto\":\"delta\"");
		});
	}

	@Test
	void replayingTheTopicFromTheStartLeavesExactlyTheSamePoints() throws Exception {
		List<Map.Entry<String, byte[]>> ticks = new ArrayList<>();
		for (int second = 0; second < 20; second++) {
			ticks.add(entry("epsilon", tick("epsilon", String.valueOf(100 + second), "",
					"2025-10-31T11:00:%02dZ".formatted(second))));
		}
		publish(ticks.toArray(Map.Entry[]::new));
		awaitPoints("epsilon", 20);
		List<Row> before = influx.gateway().query("SELECT * FROM crypto_price");

		MessageListenerContainer container = this.listeners.getListenerContainer("crypto-consumer");
		container.stop();
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.broker.getBrokersAsString()))) {
			Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
			for (int partition = 0; partition < 3; partition++) {
				start.put(new TopicPartition("crypto-prices", partition), new OffsetAndMetadata(0));
			}
			admin.alterConsumerGroupOffsets("crypto-consumer", start).all().get();
			container.start();
			await().atMost(Duration.ofSeconds(60)).until(() -> lag(admin) == 0);
		}

		assertThat(influx.gateway().query("SELECT * FROM crypto_price")).isEqualTo(before);
	}

	private long lag(Admin admin) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("crypto-consumer")
			.partitionsToOffsetAndMetadata()
			.get();
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		committed.keySet().forEach((partition) -> latest.put(partition, OffsetSpec.latest()));
		long lag = 0;
		for (var end : admin.listOffsets(latest).all().get().entrySet()) {
			lag += end.getValue().offset() - committed.get(end.getKey()).offset();
		}
		return lag;
	}

	private void writeLine(String line) {
		influx.gateway().write(List.of(line));
	}

	@SafeVarargs
	private void publish(Map.Entry<String, byte[]>... records) {
		KafkaTestClients.publish(this.broker.getBrokersAsString(), "crypto-prices", List.of(records));
	}

	/** The dead letters of one coin: each test has its own, and sees no other test's. */
	private List<ConsumerRecord<String, byte[]>> deadLetters(String coin, int expected) {
		return KafkaTestClients.readAll(this.broker.getBrokersAsString(), "crypto-prices-dlt", coin, expected,
				Duration.ofSeconds(30));
	}

	private static List<Row> awaitPoints(String coin, int count) {
		String query = "SELECT * FROM crypto_price WHERE crypto = '" + coin + "'";
		await().atMost(Duration.ofSeconds(30)).until(() -> influx.gateway().query(query).size() >= count);
		return influx.gateway().query(query);
	}

	static byte[] tick(String coin, String priceUsd, String otherFields, String timestamp) {
		return ("{\"crypto\":\"" + coin + "\",\"price_usd\":" + priceUsd + "," + otherFields + "\"timestamp\":\""
				+ timestamp + "\",\"source\":\"coingecko\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		return (record.headers().lastHeader(name) != null)
				? new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8) : "";
	}

}
