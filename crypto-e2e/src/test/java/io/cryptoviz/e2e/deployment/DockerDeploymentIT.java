package io.cryptoviz.e2e.deployment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pipeline against the very images docker/compose.yaml deploys: InfluxDB 2.7 set up as compose
 * sets it up (org, bucket and admin token, then docker/influxdb/init: the bucket crypto-rollups and
 * one v1 credential per service), Apache Kafka in KRaft mode. The consumer writes through InfluxDB
 * 2.x's v1-compatible {@code /write} with its own credential, the API and Grafana's queries read
 * through the buckets' DBRP mappings with theirs, and each credential can do no more. Needs a Docker
 * engine ({@link DockerEngine} starts one where it can) and the two images; skipped, with the
 * reason, where either is missing (no registry can be reached where CI runs: ComposeStackIT runs
 * the deployment on local stand-ins there).
 */
@ExtendWith(DockerDeploymentIT.DeploymentImages.class)
@ResourceLock(DockerEngine.RESOURCE)
class DockerDeploymentIT {

	private static final String BUCKET = "crypto-data";

	private static final String ORG = "crypto-org";

	private static final String ADMIN_TOKEN = "docker-it-" + UUID.randomUUID();

	private static final String CONSUMER = "crypto-consumer:" + UUID.randomUUID();

	private static final String API = "crypto-api:" + UUID.randomUUID();

	private static final String GRAFANA = "grafana:" + UUID.randomUUID();

	private static final List<String> COINS = List.of("bitcoin", "ethereum", "cardano", "solana", "polkadot");

	private static KafkaContainer kafka;

	private static GenericContainer<?> influx;

	private static final List<ServiceProcess> services = new ArrayList<>();

	private static ServiceProcess api;

	@BeforeAll
	static void startTheDeploymentsImagesAndTheServices() {
		String kafkaImage = composeImage("kafka");
		String influxImage = composeImage("influxdb");
		kafka = new KafkaContainer(DockerImageName.parse(kafkaImage));
		influx = new GenericContainer<>(DockerImageName.parse(influxImage)).withExposedPorts(8086)
			.withEnv(Map.of("DOCKER_INFLUXDB_INIT_MODE", "setup", "DOCKER_INFLUXDB_INIT_USERNAME", "admin",
					"DOCKER_INFLUXDB_INIT_PASSWORD", "pw-" + UUID.randomUUID(), "DOCKER_INFLUXDB_INIT_ORG", ORG,
					"DOCKER_INFLUXDB_INIT_BUCKET", BUCKET, "DOCKER_INFLUXDB_INIT_RETENTION", "0",
					"DOCKER_INFLUXDB_INIT_ADMIN_TOKEN", ADMIN_TOKEN))
			.withEnv(Map.of("INFLUX_CONSUMER_PASSWORD", password(CONSUMER), "INFLUX_API_PASSWORD", password(API),
					"INFLUX_GRAFANA_PASSWORD", password(GRAFANA)))
			.withFileSystemBind(ComposeFile.dockerDirectory().resolve("influxdb/init").toString(),
					"/docker-entrypoint-initdb.d", BindMode.READ_ONLY)
			// the entrypoint serves on 8086 only once the setup and its hook are done
			.waitingFor(Wait.forHttp("/ping").forStatusCode(204).withStartupTimeout(Duration.ofMinutes(2)));
		kafka.start();
		influx.start();
		start("crypto-consumer", Map.of("INFLUX_TOKEN", CONSUMER));
		api = start("crypto-api", Map.of("INFLUX_TOKEN", API));
		start("crypto-producer", Map.of("CRYPTOVIZ_PRODUCER_SOURCE", "simulated", "CRYPTOVIZ_PRODUCER_POLL_INTERVAL",
				"500ms"));
	}

	@AfterAll
	static void stopServices() {
		services.forEach(ServiceProcess::stop);
		if (influx != null) {
			influx.stop();
		}
		if (kafka != null) {
			kafka.stop();
		}
	}

	@Test
	void theConsumerWritesEveryCoinIntoTheBucketThroughTheV1ApiWithTheToken() {
		InfluxV1 withToken = new InfluxV1(influxUrl(), GRAFANA);
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(coins(withToken.query(BUCKET,
				"SELECT count(\"price_usd\") FROM \"crypto_price\" WHERE \"source\" = 'simulated' GROUP BY \"crypto\"")))
			.containsAll(COINS));
		assertThat(withToken.query(BUCKET, "SHOW FIELD KEYS FROM \"crypto_price\""))
			.allSatisfy((field) -> assertThat(field).containsEntry("fieldType", "float"));
		// the token is what lets the services in: without it InfluxDB 2.x refuses
		assertThat(new InfluxV1(influxUrl(), null).send(BUCKET, "SELECT * FROM \"crypto_price\" LIMIT 1").status())
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
		InfluxV1 withToken = new InfluxV1(influxUrl(), GRAFANA);
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

	@Test
	void theApiAndGrafanaCredentialsReadBothBucketsButCannotWrite() {
		for (String reader : List.of(API, GRAFANA)) {
			for (String bucket : List.of(BUCKET, "crypto-rollups")) {
				HttpAnswer read = new InfluxV1(influxUrl(), reader).send(bucket, "SHOW MEASUREMENTS");
				assertThat(read.status()).as("%s reads %s", user(reader), bucket).isEqualTo(200);
				assertThat(read.body()).as("%s reads %s", user(reader), bucket).doesNotContain("\"error\"");
				assertThat(write(reader, bucket, "credential_check value=1")).as("%s writes %s", user(reader), bucket)
					.isIn(401, 403);
			}
		}
	}

	@Test
	void theConsumerCredentialWritesBothBucketsButCannotReadOrWriteAnother() throws Exception {
		assertThat(write(CONSUMER, "crypto-rollups", "credential_check value=1")).isEqualTo(204);
		assertThat(new InfluxV1(influxUrl(), CONSUMER).query("crypto-rollups", "SELECT * FROM \"credential_check\""))
			.hasSize(1);
		assertThat(influx.execInContainer("influx", "bucket", "create", "--name", "other", "--org", ORG, "--token",
				ADMIN_TOKEN).getExitCode()).isZero();
		assertThat(write(ADMIN_TOKEN, "other", "credential_check value=2")).isEqualTo(204);

		HttpAnswer read = new InfluxV1(influxUrl(), CONSUMER).send("other", "SELECT * FROM \"credential_check\"");
		assertThat(read.status() != 200 || read.body().contains("\"error\"")).as("%s", read).isTrue();
		assertThat(read.body()).doesNotContain("\"value\"");
		assertThat(write(CONSUMER, "other", "credential_check value=3")).isIn(401, 403, 404);
	}

	/** Runs the class where an engine runs and it has, or can pull, the images compose deploys. */
	static final class DeploymentImages extends DockerEngine {

		@Override
		String missing() {
			return DockerEngine.missingImage(composeImage("kafka"), composeImage("influxdb"));
		}

	}

	private static String influxUrl() {
		return "http://" + influx.getHost() + ":" + influx.getMappedPort(8086);
	}

	private static String password(String credential) {
		return credential.substring(credential.indexOf(':') + 1);
	}

	private static String user(String credential) {
		return credential.substring(0, credential.indexOf(':'));
	}

	private static int write(String token, String bucket, String line) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(influxUrl() + "/write?db=" + bucket))
					.header("Authorization", "Token " + token)
					.POST(HttpRequest.BodyPublishers.ofString(line))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static ServiceProcess start(String name, Map<String, String> settings) {
		Map<String, String> env = new HashMap<>();
		env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.getBootstrapServers());
		env.put("INFLUX_URL", influxUrl());
		env.put("INFLUX_ORG", ORG);
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
