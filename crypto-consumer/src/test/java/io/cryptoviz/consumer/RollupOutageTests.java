package io.cryptoviz.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cryptoviz.devstack.InfluxDbServer;
import io.cryptoviz.testsupport.KafkaTestClients;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rollups' database cannot take candles (it is missing) while ticks arrive: the raw ticks are
 * stored, but no offset is committed until their candles are, so nothing is lost once it can.
 */
@SpringBootTest(properties = { "server.port=0", "cryptoviz.consumer.write.retry-max-interval=1s" })
@EmbeddedKafka(partitions = 3)
class RollupOutageTests {

	static final InfluxDbServer influx = InfluxDbServer.temporary().start();

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	@Qualifier("rollupsHealthIndicator")
	private HealthIndicator rollupsHealth;

	@DynamicPropertySource
	static void influx(DynamicPropertyRegistry registry) {
		// the ticks' database only
		influx.createDatabase(InfluxDbServer.DATABASE);
		registry.add("influx.url", influx::url);
	}

	@AfterAll
	static void stopInflux() {
		influx.stop();
	}

	@Test
	void whenTheRollupsCannotBeStoredThenNoOffsetIsCommittedUntilTheyAre() throws Exception {
		List<Map.Entry<String, byte[]>> ticks = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			String coin = List.of("zeta", "eta", "theta").get(i % 3);
			ticks.add(entry(coin, ConsumerFlowTests.tick(coin, String.valueOf(10 + i), "",
					"2025-10-31T12:%02d:00Z".formatted(i * 4))));
		}
		KafkaTestClients.publish(this.broker.getBrokersAsString(), "crypto-prices", ticks);

		// every coin's ticks stored, each consumer thread retrying its poll for the candles
		await().atMost(Duration.ofSeconds(30)).until(() -> rawTicks() == 12 && failedWrites("404") >= 6);
		assertThat(committed()).isZero();
		Health health = this.rollupsHealth.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("database", InfluxDbServer.ROLLUPS_DATABASE)
			.containsEntry("access", "write");
		assertThat(String.valueOf(health.getDetails().get("error"))).contains("HTTP 404");

		influx.createDatabase(InfluxDbServer.ROLLUPS_DATABASE);

		await().atMost(Duration.ofSeconds(30)).until(() -> committed() == 12);
		for (String coin : List.of("zeta", "eta", "theta")) {
			assertThat(StoredCandles.ticksCounted(influx, coin)).isEqualTo(4.0);
		}
		assertThat(this.rollupsHealth.health(true).getStatus()).isEqualTo(Status.UP);
	}

	private static double rawTicks() {
		return influx.gateway()
			.query("SELECT count(price_usd) FROM crypto_price")
			.stream()
			.mapToDouble((row) -> row.number("count"))
			.sum();
	}

	private double failedWrites(String cause) {
		Counter failures = this.meters.find("crypto.influx.write.failures").tag("cause", cause).counter();
		return (failures != null) ? failures.count() : 0;
	}

	private long committed() throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.broker.getBrokersAsString()))) {
			return admin.listConsumerGroupOffsets("crypto-consumer")
				.partitionsToOffsetAndMetadata()
				.get()
				.values()
				.stream()
				.mapToLong(OffsetAndMetadata::offset)
				.sum();
		}
	}

}
