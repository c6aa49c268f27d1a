package io.cryptoviz.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.cryptoviz.devstack.InfluxDbServer;
import io.cryptoviz.influx.CryptoPriceSchema;
import io.cryptoviz.testsupport.KafkaTestClients;
import io.cryptoviz.tick.PriceTick;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole API on a real port, against a real InfluxDB and a real (embedded) Kafka broker. The
 * subclasses share this one context and one InfluxDB, so each writes its own coins or its own
 * time window: ethereum in March 2025 (history, candles), cardano and solana on 11 March 2025
 * (compare) and on 31 October 2025 (latest), ripple and stellar in May 2024 (indicators), bitcoin and
 * ethereum around now (the page); polkadot is never written.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "cryptoviz.api.latest.cache-ttl=0s", "cryptoviz.api.caches.sparklines.ttl=0s",
				"cryptoviz.api.stream.heartbeat=200ms",
				"cryptoviz.api.stream.max-clients=4", "cryptoviz.api.alerts.token=" + ApiIntegrationTests.ALERTS_TOKEN,
				"cryptoviz.api.alerts.webhook.secret=" + ApiIntegrationTests.WEBHOOK_SECRET,
				"cryptoviz.api.alerts.webhook.allowed-addresses=127.0.0.1/32",
				"cryptoviz.api.alerts.webhook.attempts=3", "cryptoviz.api.alerts.webhook.initial-backoff=100ms",
				"cryptoviz.api.alerts.webhook.max-backoff=200ms" })
@EmbeddedKafka(partitions = 3)
public abstract class ApiIntegrationTests {

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	/** The token that may change alert rules in these tests. */
	protected static final String ALERTS_TOKEN = "test-alerts-token-3f9a";

	/** The key the test API signs webhook deliveries with. */
	protected static final String WEBHOOK_SECRET = "test-webhook-secret-81c2";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	protected int port;

	@Autowired
	protected EmbeddedKafkaBroker kafka;

	@DynamicPropertySource
	static void influx(DynamicPropertyRegistry registry) {
		registry.add("influx.url", () -> TestInflux.server().url());
	}

	protected static InfluxDbServer influx() {
		return TestInflux.server();
	}

	/**
	 * Stores the ticks the way the consumer does: the schema's line protocol, through the gateway,
	 * then the candles of the days they fall in.
	 */
	protected static void store(PriceTick... ticks) {
		influx().gateway().write(Arrays.stream(ticks).map(CryptoPriceSchema::toLineProtocol).toList());
		if (ticks.length > 0) {
			TestRollups.rebuild(influx().gateway(),
					Arrays.stream(ticks).map(PriceTick::timestamp).min(Instant::compareTo).orElseThrow(),
					Arrays.stream(ticks).map(PriceTick::timestamp).max(Instant::compareTo).orElseThrow());
		}
	}

	protected void publish(List<Map.Entry<String, byte[]>> records) {
		KafkaTestClients.publish(this.kafka.getBrokersAsString(), "crypto-prices", records);
	}

	/** Publishes records to the producer's history topic: each a key and a JSON value. */
	protected void publishHistory(String... keysAndValues) {
		List<Map.Entry<String, byte[]>> records = new java.util.ArrayList<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			records.add(Map.entry(keysAndValues[i], keysAndValues[i + 1].getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		KafkaTestClients.publish(this.kafka.getBrokersAsString(), "crypto-prices-history", records);
	}

	/** A progress record of the history topic, as the producer writes it. */
	protected static String historyProgress(String state, double percent) {
		return "{\"state\":\"" + state + "\",\"percent\":" + percent + ",\"coins_pending\":2,\"coins\":5,"
				+ "\"steps_done\":3,\"steps_left\":2,\"ticks_loaded\":1968,\"source\":\"simulated\","
				+ "\"instance\":\"producer-1\",\"updated_at\":\"2026-12-01T12:00:00Z\"}";
	}

	public String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	protected Answer get(String path) {
		return send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).GET().build());
	}

	/** Sends the request, whatever its method, to wherever it goes. */
	protected static Answer send(HttpRequest request) {
		try {
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("Retry-After").orElse(null), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	protected static HttpClient http() {
		return HTTP;
	}

	/** A tick as the producer makes it; {@code null} for the figures it lacks. */
	protected static PriceTick tick(String coin, String time, double usd, Double eur, Double change, Double marketCap,
			Double volume, String source) {
		return new PriceTick(coin, usd, eur, change, marketCap, volume, Instant.parse(time),
				io.cryptoviz.tick.TickSource.fromId(source));
	}

	/**
	 * An HTTP answer.
	 *
	 * @param status status code
	 * @param contentType the Content-Type header
	 * @param retryAfter the Retry-After header, or null
	 * @param body the body
	 */
	public record Answer(int status, String contentType, String retryAfter, String body) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

}
