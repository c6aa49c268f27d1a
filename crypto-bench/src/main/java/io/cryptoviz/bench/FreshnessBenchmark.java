package io.cryptoviz.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cryptoviz.devstack.InfluxDbServer;
import io.cryptoviz.devstack.ServiceProcess;
import io.cryptoviz.influx.Row;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickJson;
import io.cryptoviz.tick.TickSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Freshness: how long from the moment a tick is published to the moment it is visible, through
 * the API's latest prices ({@code GET /api/v1/latest}) and stored in InfluxDB. Ticks are
 * published back to back, each as soon as Kafka has acknowledged the previous one, not at a poll's
 * pace; two readers ask the API and InfluxDB in a loop and note when each tick first shows. The
 * ticks go round {@value #COIN_COUNT} coins, so a tick stays a coin's latest long enough for the
 * readers to see it before the next one of its coin replaces it.
 */
final class FreshnessBenchmark {

	private static final int COIN_COUNT = 50;

	private static final List<String> COINS = java.util.stream.IntStream.rangeClosed(1, COIN_COUNT)
		.mapToObj((n) -> "coin-" + n)
		.toList();

	private static final Pattern LATEST = Pattern.compile("\"crypto\":\"([a-z0-9-]+)\",\"price_usd\":([0-9.E-]+)");

	private FreshnessBenchmark() {
	}

	static Result run(BenchEnvironment env, int ticks) throws Exception {
		env.influx.createDatabases();
		env.start("crypto-consumer", Map.of());
		ServiceProcess api = env.start("crypto-api", Map.of("CRYPTOVIZ_COINS", String.join(",", COINS)));
		Map<String, Long> published = new ConcurrentHashMap<>();
		Map<String, Long> seenThroughApi = new ConcurrentHashMap<>();
		Map<String, Long> seenInInfluxDb = new ConcurrentHashMap<>();
		AtomicBoolean publishing = new AtomicBoolean(true);
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

		Thread apiReader = reader("api-reader", publishing, () -> {
			String body = get(http, api.url() + "/api/v1/latest");
			long now = System.nanoTime();
			Matcher prices = LATEST.matcher(body);
			while (prices.find()) {
				seenThroughApi.putIfAbsent(prices.group(1) + "@" + prices.group(2), now);
			}
		});
		Thread influxReader = reader("influx-reader", publishing, () -> {
			List<Row> latest = env.influx.gateway().query("SELECT last(price_usd) FROM crypto_price GROUP BY crypto");
			long now = System.nanoTime();
			for (Row price : latest) {
				seenInInfluxDb.putIfAbsent(price.tag("crypto") + "@" + price.number("last"), now);
			}
		});
		apiReader.start();
		influxReader.start();

		Instant start = Instant.now();
		long publishStart = System.nanoTime();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties(env),
				new StringSerializer(), new ByteArraySerializer())) {
			for (int i = 0; i < ticks; i++) {
				String coin = COINS.get(i % COINS.size());
				// a price that identifies the tick, so a reader can tell which one it sees
				double price = 1000.0 + i;
				PriceTick tick = new PriceTick(coin, price, null, null, null, null, start.plusMillis(i),
						TickSource.SIMULATED);
				long sent = System.nanoTime();
				producer.send(new ProducerRecord<>(BenchEnvironment.TOPIC, coin, TickJson.strictMapper()
					.writeValueAsBytes(tick))).get();
				published.put(coin + "@" + price, sent);
			}
		}
		double publishRate = ticks / ((System.nanoTime() - publishStart) / 1e9);
		BenchEnvironment.pause(3000);
		publishing.set(false);
		apiReader.join();
		influxReader.join();
		return new Result(ticks, publishRate, latencies(published, seenThroughApi),
				latencies(published, seenInInfluxDb));
	}

	private static List<Double> latencies(Map<String, Long> published, Map<String, Long> seen) {
		List<Double> latencies = new ArrayList<>();
		published.forEach((tick, sent) -> {
			Long first = seen.get(tick);
			if (first != null) {
				latencies.add(Math.max(0, first - sent) / 1e6);
			}
		});
		return latencies;
	}

	private static Thread reader(String name, AtomicBoolean running, Runnable read) {
		return new Thread(() -> {
			while (running.get()) {
				try {
					read.run();
				}
				catch (RuntimeException ex) {
					// not up yet, or busy: ask again
				}
				// a few milliseconds between reads: fine enough to time, light enough not to slow the pipeline
				BenchEnvironment.pause(5);
			}
		}, name);
	}

	private static java.util.Properties producerProperties(BenchEnvironment env) {
		java.util.Properties properties = env.producerProperties();
		// the producer service's own settings
		properties.put("linger.ms", "5");
		properties.put("enable.idempotence", "true");
		return properties;
	}

	private static String get(HttpClient http, String url) {
		try {
			return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
					HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Result(int ticks, double publishRate, List<Double> throughApi, List<Double> inInfluxDb) {

		String rows() {
			Percentiles api = Percentiles.of(this.throughApi);
			Percentiles stored = Percentiles.of(this.inInfluxDb);
			return "| publish → visible through `GET /api/v1/latest` | %.0f | %d of %d | %.0f | %.0f | %.0f | %.0f |%n"
				.formatted(this.publishRate, api.count(), this.ticks, api.p50(), api.p95(), api.p99(), api.max())
					+ "| publish → stored in InfluxDB (consumer) | %.0f | %d of %d | %.0f | %.0f | %.0f | %.0f |"
						.formatted(this.publishRate, stored.count(), this.ticks, stored.p50(), stored.p95(),
								stored.p99(), stored.max());
		}

	}

}
