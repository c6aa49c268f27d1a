package io.cryptoviz.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cryptoviz.devstack.ServiceProcess;
import io.cryptoviz.testsupport.KafkaTestClients;
import io.cryptoviz.testsupport.StubResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The InfluxDB token and the CoinGecko key are used, and never shown: not in any service's log
 * (errors and stack traces included), not in any actuator answer, not in any error body. The
 * services run from their jars with the secrets in their environment, as in a deployment, and
 * meet failures that make them log and answer errors.
 */
class SecretsIT {

	private static final String INFLUX_TOKEN = "influx-token-5e1f0c2a9b7d";

	private static final String COINGECKO_KEY = "coingecko-key-83ad4c61e0f2";

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void noSecretAppearsInLogsActuatorOutputOrErrorBodies() throws Exception {
		try (Pipeline pipeline = new Pipeline()) {
			pipeline.coinGecko.willAnswer("/simple/price",
					StubResponse.status(401, "{\"status\":{\"error_code\":10002,\"error_message\":\"API Key Missing\"}}"),
					StubResponse.fixture("simple_price.json"));
			Map<String, String> secrets = Map.of("INFLUX_TOKEN", INFLUX_TOKEN, "COINGECKO_API_KEY", COINGECKO_KEY,
					"CRYPTOVIZ_PRODUCER_POLL_INTERVAL", "300ms");
			ServiceProcess consumer = pipeline.start("crypto-consumer", secrets);
			ServiceProcess api = pipeline.start("crypto-api", secrets);
			ServiceProcess producer = pipeline.start("crypto-producer", secrets);

			// the key is really sent to CoinGecko, as a header
			await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.coinGecko.requests().size() >= 2);
			assertThat(pipeline.coinGecko.requests().get(0).headers()).containsEntry("x-cg-demo-api-key", COINGECKO_KEY);

			List<String> answers = new ArrayList<>();
			// a poison record and an InfluxDB outage make the consumer log errors
			KafkaTestClients.publish(pipeline.kafka.getBrokersAsString(), "crypto-prices",
					List.of(Map.entry("bitcoin", "not a tick".getBytes())));
			pipeline.influx.stop();
			answers.add(get(api.url() + "/api/v1/latest"));
			answers.add(get(api.url() + "/api/v1/coins/bitcoin/history"));
			await().atMost(Duration.ofSeconds(30)).until(() -> read(consumer).contains("Could not store a batch"));
			pipeline.influx.start();

			for (ServiceProcess service : List.of(producer, consumer, api)) {
				for (String endpoint : List.of("health", "health/readiness", "info", "prometheus", "env", "configprops",
						"env/INFLUX_TOKEN", "env/COINGECKO_API_KEY", "beans", "heapdump", "threaddump", "loggers")) {
					answers.add(get(service.url() + "/actuator/" + endpoint));
				}
			}
			for (String path : List.of("/api/v1/coins/x'y/history", "/api/v1/coins/bitcoin/history?interval=2m",
					"/api/v1/compare?coins=%25ZZ", "/nowhere", "/api/v1/coins/bitcoin/history?from=tomorrow")) {
				answers.add(get(api.url() + path));
			}

			assertThat(answers).hasSizeGreaterThan(40).noneMatch((answer) -> containsSecret(answer));
			for (ServiceProcess service : List.of(producer, consumer, api)) {
				assertThat(read(service)).as(service.name() + "'s log").isNotBlank()
					.doesNotContain(INFLUX_TOKEN)
					.doesNotContain(COINGECKO_KEY);
			}
		}
	}

	private static boolean containsSecret(String text) {
		return text.contains(INFLUX_TOKEN) || text.contains(COINGECKO_KEY);
	}

	private String get(String url) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
		return response.statusCode() + " " + response.headers().map() + " " + response.body();
	}

	private static String read(ServiceProcess service) throws IOException {
		return Files.readString(service.logFile());
	}

}
