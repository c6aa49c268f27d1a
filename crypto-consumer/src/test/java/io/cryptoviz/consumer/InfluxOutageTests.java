package io.cryptoviz.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cryptoviz.devstack.InfluxDbServer;
import io.cryptoviz.influx.Row;
import io.cryptoviz.testsupport.KafkaTestClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** InfluxDB goes away while ticks arrive, and comes back: every tick is stored, none twice. */
@SpringBootTest(properties = { "server.port=0", "cryptoviz.consumer.write.retry-max-interval=1s",
		"influx.read-timeout=2s" })
@EmbeddedKafka(partitions = 3)
class InfluxOutageTests {

	static final InfluxDbServer influx = InfluxDbServer.temporary().start();

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private MeterRegistry meters;

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
	void whenInfluxDbIsDownThenRetriesUntilItIsBackAndStoresEveryTickOnce() {
		publish(0, 10);
		await().atMost(Duration.ofSeconds(30)).until(() -> count() == 10);

		influx.stop();
		publish(10, 60);
		await().atMost(Duration.ofSeconds(30)).until(() -> failedWrites() >= 3);
		influx.start();

		await().atMost(Duration.ofSeconds(60)).until(() -> count() == 60);
		assertThat(influx.gateway().query("SELECT count(price_usd) FROM crypto_price GROUP BY crypto"))
			.extracting((row) -> row.number("count"))
			.containsExactlyInAnyOrder(20.0, 20.0, 20.0);
	}

	private void publish(int from, int to) {
		List<Map.Entry<String, byte[]>> ticks = new ArrayList<>();
		for (int i = from; i < to; i++) {
			String coin = List.of("bitcoin", "ethereum", "solana").get(i % 3);
			ticks.add(entry(coin, ConsumerFlowTests.tick(coin, String.valueOf(1000 + i), "",
					"2025-10-31T12:%02d:%02dZ".formatted(i / 60, i % 60))));
		}
		KafkaTestClients.publish(this.broker.getBrokersAsString(), "crypto-prices", ticks);
	}

	private long count() {
		List<Row> count = influx.gateway().query("SELECT count(price_usd) FROM crypto_price");
		return count.isEmpty() ? 0 : count.get(0).number("count").longValue();
	}

	private double failedWrites() {
		return Search.in(this.meters).name("crypto.influx.write.failures").counters().stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

}
