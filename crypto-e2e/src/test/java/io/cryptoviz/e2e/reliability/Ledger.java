package io.cryptoviz.e2e.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cryptoviz.devstack.InfluxDbServer;
import io.cryptoviz.influx.Row;
import io.cryptoviz.testsupport.KafkaTestClients;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reconciles what went into the pipeline with what InfluxDB holds, tick by tick: a tick is
 * identified by coin and event time, as InfluxDB identifies its point. Each scenario's counts go to
 * {@code target/reliability/results.md}, the table of docs/reliability.md.
 */
final class Ledger {

	private static final JsonMapper JSON = TickJson.strictMapper();

	private Ledger() {
	}

	/**
	 * @param scenario the scenario's name in the table
	 * @param sent ticks that went in: acknowledged by Kafka to the producer, or published by the test
	 * @param inTopic ticks on the topic, by coin and event time, with their USD price
	 * @param stored points in InfluxDB, by coin and time, with their USD price
	 */
	record Outcome(String scenario, long sent, Map<String, Double> inTopic, Map<String, Double> stored) {

		/** Ticks on the topic with no point, plus acknowledged ticks missing from the topic. */
		long lost() {
			long missingPoints = this.inTopic.keySet().stream().filter((tick) -> !this.stored.containsKey(tick)).count();
			return missingPoints + Math.max(0, this.sent - this.inTopic.size());
		}

		/** Points beyond one per tick: points that match no tick that went in. */
		long duplicated() {
			return this.stored.keySet().stream().filter((point) -> !this.inTopic.containsKey(point)).count();
		}

		/** Points whose price differs from their tick's. */
		long corrupted() {
			return this.inTopic.entrySet()
				.stream()
				.filter((tick) -> this.stored.containsKey(tick.getKey())
						&& !this.stored.get(tick.getKey()).equals(tick.getValue()))
				.count();
		}

		/** Appends the scenario's row; synchronized, as scenarios running at the same time share the file. */
		Outcome record(String detail) {
			synchronized (Ledger.class) {
				return append(detail);
			}
		}

		private Outcome append(String detail) {
			Path results = Path.of("target", "reliability", "results.md");
			String row = "| %s | %d | %d | %d | %d | %d | %s |%n".formatted(this.scenario, this.sent, this.stored.size(),
					lost(), duplicated(), corrupted(), detail);
			try {
				Files.createDirectories(results.getParent());
				if (!Files.exists(results)) {
					Files.writeString(results, "Run of " + Instant.now() + "\n\n"
							+ "| scenario | sent | stored | lost | duplicated | corrupted | detail |\n"
							+ "| --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
				}
				Files.writeString(results, row, StandardOpenOption.APPEND);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			System.out.print(row);
			return this;
		}

	}

	/** Every valid tick on the topic, keyed by coin and event time; poison records are left out. */
	static Map<String, Double> ticksOnTopic(String bootstrapServers, String topic, long records) {
		Map<String, Double> ticks = new HashMap<>();
		List<ConsumerRecord<String, byte[]>> all = KafkaTestClients.readAll(bootstrapServers, topic, (int) records,
				Duration.ofSeconds(60));
		for (ConsumerRecord<String, byte[]> record : all) {
			try {
				PriceTick tick = JSON.readValue(new String(record.value(), StandardCharsets.UTF_8), PriceTick.class);
				ticks.put(tick.crypto() + "@" + tick.timestamp().toEpochMilli(), tick.priceUsd());
			}
			catch (RuntimeException poison) {
				// not a tick: it belongs in the dead-letter topic, not in InfluxDB
			}
		}
		return ticks;
	}

	/** Every {@code crypto_price} point, keyed by coin and time. */
	static Map<String, Double> pointsIn(InfluxDbServer influx) {
		Map<String, Double> points = new HashMap<>();
		for (Row row : influx.gateway().query("SELECT price_usd, crypto FROM crypto_price")) {
			points.put(row.string("crypto") + "@" + row.time().toEpochMilli(), row.number("price_usd"));
		}
		return points;
	}

}
