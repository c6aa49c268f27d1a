package io.cryptoviz.e2e.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.cryptoviz.devstack.Ports;
import io.cryptoviz.devstack.ServiceProcess;
import io.cryptoviz.e2e.grafana.DashboardQueries;
import io.cryptoviz.e2e.stack.HttpAnswer;
import io.cryptoviz.e2e.stack.InfluxV1;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.InfluxDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pipeline against the very images docker/compose.yaml deploys (InfluxDB 2.7 set up with an
 * org, the bucket and an admin token; Apache Kafka in KRaft mode): the consumer writes through
 * InfluxDB 2.x's v1-compatible {@code /write} with the token, the API and Grafana's queries read
 * through the bucket's virtual DBRP mapping. Needs a Docker engine; skipped (and reported as
 * skipped) where there is none.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerDeploymentIT {

	private static final String BUCKET = "crypto-data";

	private static final String TOKEN = "docker-it-" + UUID.randomUUID();

	private static final List<String> COINS = List.of("bitcoin", "ethereum", "cardano", "solana", "polkadot");

	@Container
	static final KafkaContainer kafka = new KafkaContainer(DockerImageName.parse(composeImage("kafka")));

	@Container
	static final InfluxDBContainer<?> influx = new InfluxDBContainer<>(
			DockerImageName.parse(composeImage("influxdb")).asCompatibleSubstituteFor("influxdb"))
		.withOrganization("crypto-org")
		.withBucket(BUCKET)
		.withUsername("admin")
		.withPassword("pw-" + UUID.randomUUID())
		.withAdminToken(TOKEN);

	private static final List<ServiceProcess> services = new ArrayList<>();

	private static ServiceProcess api;

	@BeforeAll
	static void startServices() {
		start("crypto-consumer", Map.of());
		api = start("crypto-api", Map.of());
		start("crypto-producer", Map.of("CRYPTOVIZ_PRODUCER_SOURCE", "simulated", "CRYPTOVIZ_PRODUCER_POLL_INTERVAL",
				"500ms"));
	}

	@AfterAll
	static void stopServices() {
		services.forEach(ServiceProcess::stop);
	}

	@Test
	void theConsumerWritesEveryCoinIntoTheBucketThroughTheV1ApiWithTheToken() {
		InfluxV1 withToken = new InfluxV1(influx.getUrl(), TOKEN);
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(coins(withToken.query(BUCKET,
				"SELECT count(\"price_usd\") FROM \"crypto_price\" WHERE \"source\" = 'simulated' GROUP BY \"crypto\"")))
			.containsAll(COINS));
		assertThat(withToken.query(BUCKET, "SHOW FIELD KEYS FROM \"crypto_price\""))
			.allSatisfy((field) -> assertThat(field).containsEntry("fieldType", "float"));
		// the token is what lets the services in: without it InfluxDB 2.x refuses
		assertThat(new InfluxV1(influx.getUrl(), null).send(BUCKET, "SELECT * FROM \"crypto_price\" LIMIT 1").status())
			.isEqualTo(401);
	}

	@Test
	void theApiServesTheLatestPriceOfEveryCoinReadThroughTheBucketsDbrpMapping() {
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
			HttpAnswer latest = HttpAnswer.get(api.url() + "/api/v1/latest");
			assertThat(latest.status()).isEqualTo(200);
			assertThat(latest.body()).contains(COINS);
		});
	}

	@Test
	void everyDashboardQueryReturnsRowsOnInfluxDb2() {
		InfluxV1 withToken = new InfluxV1(influx.getUrl(), TOKEN);
		await().atMost(Duration.ofSeconds(90))
			.until(() -> coins(withToken.query(BUCKET, "SELECT last(\"price_usd\") FROM \"crypto_price\" GROUP BY \"crypto\""))
				.containsAll(COINS));
		// InfluxDB 2.x's InfluxQL (subqueries, ln, exp, fill(previous)) must run every panel
		DashboardQueries.forEveryInfluxPanel(Instant.now().minus(Duration.ofMinutes(15)), Instant.now(),
				(panel, query) -> {
					List<Map<String, Object>> rows = withToken.query(BUCKET, query);
					assertThat(coins(rows)).as("%s: %s", panel, query).containsAll(COINS);
				}, (variableQuery) -> withToken.query(BUCKET, variableQuery));
	}

	private static ServiceProcess start(String name, Map<String, String> settings) {
		Map<String, String> env = new HashMap<>();
		env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.getBootstrapServers());
		env.put("INFLUX_URL", influx.getUrl());
		env.put("INFLUX_TOKEN", TOKEN);
		env.put("INFLUX_ORG", "crypto-org");
		env.putAll(settings);
		Path logs = Path.of("target", "docker-it-logs");
		try {
			Files.createDirectories(logs);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		ServiceProcess service = new ServiceProcess(name,
				ServiceProcess.executableJar(ComposeFile.projectRoot(), name), Ports.free(), env,
				logs.resolve(name + ".log"));
		services.add(service);
		return service.start();
	}

	private static Set<String> coins(List<Map<String, Object>> rows) {
		Set<String> coins = new TreeSet<>();
		rows.forEach((row) -> coins.add(String.valueOf(row.get("crypto"))));
		return coins;
	}

	/** The image docker/compose.yaml deploys for a service, so this test runs what users run. */
	@SuppressWarnings("unchecked")
	private static String composeImage(String service) {
		Map<String, Object> compose = new Yaml().load(ComposeFile.read(ComposeFile.dockerDirectory().resolve("compose.yaml")));
		Map<String, Object> definition = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(service);
		return (String) definition.get("image");
	}

}
