package io.cryptoviz.e2e.deployment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.cryptoviz.devstack.Ports;
import io.cryptoviz.e2e.deployment.ComposeStack.Container;
import io.cryptoviz.e2e.grafana.DashboardQueries;
import io.cryptoviz.e2e.stack.HttpAnswer;
import io.cryptoviz.e2e.stack.InfluxV1;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

/**
 * The Docker deployment run for real: the three service images built from docker/Dockerfile by
 * compose, and the stack brought up from docker/compose.yaml with a simulated source, as the README
 * says, on local stand-ins for the images that cannot be pulled here (see {@link StandInImages};
 * {@code compose.stand-ins.yaml} is the override, and changes only what they need). Grafana has no
 * stand-in and is left out. Needs a Docker engine ({@link DockerEngine} starts one where it can)
 * and debootstrap; skipped, with the reason, where there is none.
 */
@ExtendWith(ComposeStackIT.ComposeAndDebootstrap.class)
@ResourceLock(DockerEngine.RESOURCE)
// Each test stands alone (those that need it wait for every container to be healthy); the stop
// test goes last only so that nothing waits for the stack to be healthy again after it.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeStackIT {

	private static final String PROJECT = "cryptoviz-it";

	private static final List<String> COINS = List.of("bitcoin", "cardano", "ethereum", "polkadot", "solana");

	/** The containers that run (check-env runs first, and exits; Grafana is left out). */
	private static final Set<String> SERVICES = Set.of("kafka", "influxdb", "crypto-producer", "crypto-consumer",
			"crypto-api", "prometheus");

	private static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(15);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final Path WORK = Path.of("target", "compose-stack").toAbsolutePath();

	/** The test's override of docker/compose.yaml: the stand-ins, and nothing else. */
	private static final Path OVERRIDE = ComposeFile.projectRoot()
		.resolve("crypto-e2e/src/test/resources/deployment/compose.stand-ins.yaml");

	/** The host ports .env sets: free ones, since other stacks share this host. */
	private static final List<String> PORTS = List.of("API_PORT", "CONSUMER_PORT", "INFLUX_PORT", "PROMETHEUS_PORT",
			"GRAFANA_PORT", "KAFKA_EXTERNAL_PORT");

	private static final Timings timings = new Timings();

	@RegisterExtension
	static final CheckReport checks = new CheckReport();

	private static final Map<String, String> environment = new LinkedHashMap<>();

	private static ComposeStack stack;

	@BeforeAll
	static void bringTheStackUp() throws IOException {
		Files.createDirectories(WORK);
		new StandInImages(WORK, timings).build();
		Path environmentFile = writeEnvironment();
		stack = new ComposeStack(PROJECT, environmentFile, OVERRIDE);
		System.out.println("Compose: " + stack.describe());
		// what an earlier run that was killed may have left
		stack.run(Duration.ofMinutes(3), "down", "--volumes", "--remove-orphans");
		timings.time("service images built and the stack started (up -d --build)",
				() -> stack.run(Duration.ofMinutes(20), "up", "-d", "--build").orFail());
		timings.time("every container healthy", ComposeStackIT::awaitHealthy);
	}

	@AfterAll
	static void takeTheStackDown() throws IOException {
		if (stack != null) {
			Files.writeString(WORK.resolve("compose.log"), stack.run(Duration.ofMinutes(2), "logs", "--no-color").output());
			stack.run(Duration.ofMinutes(3), "down", "--volumes");
		}
		String report = "ComposeStackIT checked:\n" + checks.report() + "and took:\n" + timings.report();
		System.out.print(report);
		Files.writeString(WORK.resolve("report.txt"), report);
	}

	@Test
	void everyHealthcheckTurnsHealthyAfterCheckEnvPassed() {
		awaitHealthy();
		Map<String, Container> containers = stack.containers();
		Map<String, String> health = new TreeMap<>();
		containers.values().forEach((container) -> health.put(container.service(), container.health()));
		assertThat(health).containsOnlyKeys(union(SERVICES, Set.of("check-env")));
		SERVICES.forEach((service) -> assertThat(health).containsEntry(service, "healthy"));
		Container checkEnv = containers.get("check-env-1");
		assertThat(checkEnv.running()).isFalse();
		assertThat(checkEnv.exitCode()).isZero();
	}

	@Test
	void ticksFlowIntoInfluxDbAndOutOfTheApiAndItsLiveStream() {
		await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(coins(admin().query("crypto-data",
				"SELECT count(\"price_usd\") FROM \"crypto_price\" WHERE \"source\" = 'simulated' GROUP BY \"crypto\"")))
			.containsAll(COINS));
		await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
			HttpAnswer latest = HttpAnswer.get(url("API_PORT") + "/api/v1/latest");
			assertThat(latest.status()).isEqualTo(200);
			assertThat(latest.body()).contains(COINS).contains("\"source\":\"simulated\"");
		});
		assertThat(firstStreamedTick()).contains("\"price_usd\"").contains("\"source\":\"simulated\"");
	}

	@Test
	void prometheusScrapesEveryServiceAndEveryPipelineDashboardQueryReturnsData() {
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			JsonNode targets = prometheus("/api/v1/targets").path("data").path("activeTargets");
			List<String> health = new ArrayList<>();
			targets.forEach((target) -> health.add(target.path("scrapePool").asString() + " "
					+ target.path("health").asString() + " " + target.path("lastError").asString()));
			assertThat(health).hasSize(applicationContainers())
				.allSatisfy((target) -> assertThat(target).contains(" up "));
			assertThat(labels(promQl("count by (application) (process_uptime_seconds)"), "application"))
				.containsExactlyInAnyOrder("crypto-producer", "crypto-consumer", "crypto-api");
		});
		// empty by design until something happens: write failures appear with the first one (their
		// tag is the status InfluxDB answered), and a simulated source makes no CoinGecko requests
		Set<String> emptyUntilItHappens = Set.of("pipeline.json › InfluxDB write failures",
				"pipeline.json › CoinGecko request time");
		Map<String, String> queries = new TreeMap<>();
		DashboardQueries.forEveryPrometheusPanel(SCRAPE_INTERVAL, Duration.ofMinutes(15), queries::put);
		assertThat(queries).isNotEmpty();
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
			Map<String, Integer> empty = new TreeMap<>();
			queries.forEach((panel, query) -> {
				if (!emptyUntilItHappens.contains(panel) && promQl(query).isEmpty()) {
					empty.put(panel, 0);
				}
			});
			assertThat(empty).as("panels without data").isEmpty();
		});
	}

	@Test
	void everyProcessInEveryContainerRunsAsANonRootUser() {
		awaitHealthy();
		Map<String, List<String>> rootProcesses = new TreeMap<>();
		Map<String, Integer> processes = new TreeMap<>();
		for (Container container : stack.containers().values()) {
			if (!container.running()) {
				continue;
			}
			List<String> lines = DockerEngine.docker(Duration.ofSeconds(30), "top", container.id(), "-eo", "pid,uid,args")
				.orFail()
				.lines()
				.skip(1)
				.filter((line) -> !line.isBlank())
				.map(String::strip)
				.toList();
			processes.put(container.service(), lines.size());
			List<String> root = lines.stream().filter((line) -> line.split("\\s+")[1].equals("0")).toList();
			if (!root.isEmpty()) {
				rootProcesses.put(container.service(), root);
			}
		}
		assertThat(processes.keySet()).containsAll(SERVICES);
		assertThat(rootProcesses).as("processes running as root").isEmpty();
	}

	@Test
	void eachServiceJvmSizesItsHeapFromItsContainersMemoryLimit() {
		awaitHealthy();
		for (Container container : stack.containers().values()) {
			if (!container.service().startsWith("crypto-")) {
				continue;
			}
			long limit = container.memoryLimit();
			assertThat(limit).as("%s has a memory limit", container.service()).isPositive();
			String flags = DockerEngine.docker(Duration.ofSeconds(60), "exec", container.id(), "java",
					"-XX:+PrintFlagsFinal", "-version").orFail();
			long maxHeap = Long.parseLong(flags.lines()
				.filter((line) -> line.contains(" MaxHeapSize "))
				.findFirst()
				.orElseThrow()
				.split("=")[1].strip().split("\\s+")[0]);
			assertThat(maxHeap).as("%s: heap of a %d MiB container", container.service(), limit >> 20)
				.isLessThanOrEqualTo(limit * 3 / 4)
				.isGreaterThan(limit / 2);
		}
	}

	@Test
	void eachContainerHoldsOnlyItsOwnInfluxDbCredential() {
		Map<String, List<String>> credentials = new TreeMap<>();
		for (Container container : stack.containers().values()) {
			List<String> held = new ArrayList<>();
			for (String variable : container.environment()) {
				String value = variable.substring(variable.indexOf('=') + 1);
				environment.forEach((name, secret) -> {
					if (isSecret(name) && value.contains(secret)) {
						held.add(name);
					}
				});
			}
			credentials.put(container.service(), held);
		}
		assertThat(credentials).containsEntry("crypto-consumer", List.of("INFLUX_CONSUMER_PASSWORD"))
			.containsEntry("crypto-api", List.of("INFLUX_API_PASSWORD"))
			.containsEntry("crypto-producer", List.of())
			.containsEntry("kafka", List.of())
			.containsEntry("prometheus", List.of());
		assertThat(credentials.get("influxdb")).doesNotContain("GRAFANA_ADMIN_PASSWORD", "GRAFANA_SECRET_KEY");
		assertThat(env(stack.containers().get("crypto-consumer-1"))).containsEntry("INFLUX_TOKEN",
				"crypto-consumer:" + environment.get("INFLUX_CONSUMER_PASSWORD"));
		assertThat(env(stack.containers().get("crypto-api-1"))).containsEntry("INFLUX_TOKEN",
				"crypto-api:" + environment.get("INFLUX_API_PASSWORD"));
		// a setting of .env that compose passes on by name only
		assertThat(env(stack.containers().get("crypto-producer-1"))).containsEntry("CRYPTOVIZ_PRODUCER_POLL_INTERVAL",
				environment.get("CRYPTOVIZ_PRODUCER_POLL_INTERVAL"))
			.doesNotContainKey("CRYPTOVIZ_COINS");
	}

	@Test
	void eachServicesInfluxDbCredentialDoesOnlyWhatTheServiceNeeds() {
		awaitHealthy();
		InfluxV1 admin = admin();
		admin.query("crypto-data", "CREATE DATABASE \"other\"");
		assertThat(write(adminToken(), "other", "credential_check value=1")).isEqualTo(204);
		String consumer = "crypto-consumer:" + environment.get("INFLUX_CONSUMER_PASSWORD");
		String api = "crypto-api:" + environment.get("INFLUX_API_PASSWORD");
		String grafana = "grafana:" + environment.get("INFLUX_GRAFANA_PASSWORD");
		try {
			Map<String, Integer> answers = new TreeMap<>();
			answers.put("consumer writes crypto-rollups", write(consumer, "crypto-rollups", "credential_check value=1"));
			answers.put("consumer reads crypto-rollups", read(consumer, "crypto-rollups"));
			answers.put("consumer reads crypto-data", read(consumer, "crypto-data"));
			answers.put("consumer reads other", read(consumer, "other"));
			answers.put("consumer writes other", write(consumer, "other", "credential_check value=2"));
			answers.put("api reads crypto-data", read(api, "crypto-data"));
			answers.put("api reads crypto-rollups", read(api, "crypto-rollups"));
			answers.put("api writes crypto-data", write(api, "crypto-data", "credential_check value=3"));
			answers.put("api writes crypto-rollups", write(api, "crypto-rollups", "credential_check value=3"));
			answers.put("api reads other", read(api, "other"));
			answers.put("grafana reads crypto-data", read(grafana, "crypto-data"));
			answers.put("grafana writes crypto-data", write(grafana, "crypto-data", "credential_check value=4"));
			answers.put("a wrong password reads crypto-data", read("crypto-api:not-the-password", "crypto-data"));
			answers.put("no credential reads crypto-data", read(null, "crypto-data"));
			assertThat(answers).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
					Map.entry("consumer writes crypto-rollups", 204), Map.entry("consumer reads crypto-rollups", 200),
					Map.entry("consumer reads crypto-data", 200), Map.entry("consumer reads other", 403),
					Map.entry("consumer writes other", 403), Map.entry("api reads crypto-data", 200),
					Map.entry("api reads crypto-rollups", 200), Map.entry("api writes crypto-data", 403),
					Map.entry("api writes crypto-rollups", 403), Map.entry("api reads other", 403),
					Map.entry("grafana reads crypto-data", 200), Map.entry("grafana writes crypto-data", 403),
					Map.entry("a wrong password reads crypto-data", 401), Map.entry("no credential reads crypto-data", 401)));
		}
		finally {
			admin.query("crypto-data", "DROP DATABASE \"other\"");
			admin.query("crypto-rollups", "DROP MEASUREMENT \"credential_check\"");
		}
	}

	@Test
	void aBadEnvStopsTheStackBeforeAnythingStartsAndNamesTheValue() throws IOException {
		// a password InfluxDB would refuse: check-env fails, and nothing that depends on it is started
		Map<String, String> tooShort = new LinkedHashMap<>(environment);
		tooShort.put("INFLUX_API_PASSWORD", "short");
		ComposeStack shortPassword = badStack("too-short", tooShort);
		try {
			Command up = shortPassword.run(Duration.ofMinutes(3), "up", "-d");
			assertThat(up.exitCode()).as(up.output()).isNotZero();
			assertThat(up.output()).contains("check-env");
			assertThat(shortPassword.run(Duration.ofMinutes(1), "logs", "--no-color", "check-env").output()).contains(
					"docker/.env: INFLUX_API_PASSWORD is 5 characters long; InfluxDB takes passwords of 8 characters or more");
			Map<String, String> containers = new TreeMap<>();
			shortPassword.containers()
				.forEach((name, container) -> containers.put(name, container.running() + " " + container.exitCode()));
			assertThat(containers).containsExactly(entry("check-env-1", "false 1"));
		}
		finally {
			shortPassword.run(Duration.ofMinutes(2), "down", "--volumes");
		}
		// a missing value: compose itself refuses, and says where to set it
		Map<String, String> missing = new LinkedHashMap<>(environment);
		missing.put("INFLUX_CONSUMER_PASSWORD", "");
		ComposeStack missingValue = badStack("missing", missing);
		Command up = missingValue.run(Duration.ofMinutes(1), "up", "-d");
		assertThat(up.exitCode()).isNotZero();
		assertThat(up.output()).contains("INFLUX_CONSUMER_PASSWORD").contains("set INFLUX_CONSUMER_PASSWORD in docker/.env");
		assertThat(missingValue.containers()).isEmpty();
	}

	@Test
	@Order(Integer.MAX_VALUE - 1)
	void aSecondProducerStandsByAndPrometheusScrapesBoth() {
		awaitHealthy();
		timings.time("a second producer (up -d --scale crypto-producer=2)", () -> {
			stack.run(Duration.ofMinutes(3), "up", "-d", "--scale", "crypto-producer=2").orFail();
			await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
				List<String> producers = new ArrayList<>();
				stack.containers().forEach((name, container) -> {
					if (container.service().equals("crypto-producer")) {
						producers.add(name + " " + container.health());
					}
				});
				assertThat(producers).containsExactlyInAnyOrder("crypto-producer-1 healthy", "crypto-producer-2 healthy");
			});
			// Prometheus finds the new one by name; exactly one of the two polls
			await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
				List<String> leader = new ArrayList<>();
				promQl("crypto_producer_leader").forEach((series) -> leader.add(series.path("value").get(1).asString()));
				assertThat(leader).containsExactlyInAnyOrder("0", "1");
			});
		});
	}

	@Test
	@Order(Integer.MAX_VALUE)
	void stopEndsEveryServiceByItselfWithinItsGracePeriodAndTheDataOutlivesIt() {
		awaitHealthy();
		await().atMost(Duration.ofMinutes(2)).until(() -> points() > 0);
		long before = points();
		Map<String, Duration> grace = gracePeriods();

		Instant stopped = Instant.now();
		timings.time("docker compose stop", () -> stack.run(Duration.ofMinutes(5), "stop").orFail());
		Map<String, String> endings = new TreeMap<>();
		Set<String> stoppedServices = new TreeSet<>();
		stack.containers().forEach((name, container) -> {
			if (SERVICES.contains(container.service())) {
				Duration took = Duration.between(stopped, Instant.parse(container.finishedAt()));
				endings.put(name, "running " + container.running() + ", exit " + container.exitCode()
						+ (container.oomKilled() ? " (out of memory)" : "") + ", within grace "
						+ (took.compareTo(grace.get(container.service())) < 0));
				stoppedServices.add(container.service());
			}
		});
		// 143 is a JVM's exit on SIGTERM; a SIGKILL at the end of the grace period would be 137
		assertThat(stoppedServices).containsExactlyInAnyOrderElementsOf(SERVICES);
		assertThat(endings)
			.allSatisfy((container, ending) -> assertThat(ending).matches("running false, exit (0|143), within grace true"));

		timings.time("up -d again, the points there and new ones stored", () -> {
			stack.run(Duration.ofMinutes(5), "up", "-d").orFail();
			// the points stored before the stop are there (new ones are stamped after it; a few more
			// may have been stored while the services shut down) ...
			await().atMost(Duration.ofMinutes(2)).ignoreExceptions().untilAsserted(() -> assertThat(pointsUntil(stopped))
				.as("points up to the stop, after up").isGreaterThanOrEqualTo(before));
			// ... and ticks flow on
			await().atMost(Duration.ofMinutes(3)).until(() -> points() > before);
		});
	}

	/** Runs the class where an engine runs, compose is installed and the stand-ins can be built. */
	static final class ComposeAndDebootstrap extends DockerEngine {

		@Override
		String missing() {
			return ComposeStack.installed() ? StandInImages.cannotBuild()
					: "Neither docker compose (v2) nor docker-compose is installed (Debian/Ubuntu: apt-get install docker-compose)";
		}

	}

	// ---------------------------------------------------------------------------------------

	private static Path writeEnvironment() throws IOException {
		environment.put("COMPOSE_PROJECT_NAME", PROJECT);
		environment.put("INFLUX_ADMIN_USER", "admin");
		for (String secret : List.of("INFLUX_ADMIN_PASSWORD", "INFLUX_ADMIN_TOKEN", "INFLUX_CONSUMER_PASSWORD",
				"INFLUX_API_PASSWORD", "INFLUX_GRAFANA_PASSWORD", "GRAFANA_ADMIN_PASSWORD", "GRAFANA_SECRET_KEY")) {
			environment.put(secret, secret());
		}
		environment.put("CRYPTOVIZ_PRODUCER_SOURCE", "simulated");
		environment.put("CRYPTOVIZ_PRODUCER_POLL_INTERVAL", "2s");
		// free ports on this host, which other stacks share
		for (String port : PORTS) {
			environment.put(port, String.valueOf(Ports.free()));
		}
		Path path = WORK.resolve("test.env");
		Files.writeString(path, envFile(environment));
		return path;
	}

	private static String envFile(Map<String, String> values) {
		StringBuilder file = new StringBuilder();
		values.forEach((name, value) -> file.append(name).append('=').append(value).append('\n'));
		return file.toString();
	}

	private static String secret() {
		byte[] bytes = new byte[16];
		new SecureRandom().nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	private static boolean isSecret(String name) {
		return name.endsWith("PASSWORD") || name.endsWith("TOKEN") || name.endsWith("SECRET_KEY");
	}

	private static void awaitHealthy() {
		await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
			Map<String, String> states = new TreeMap<>();
			for (Container container : stack.containers().values()) {
				if (SERVICES.contains(container.service())) {
					states.put(container.service(),
							container.health() + ("healthy".equals(container.health()) ? "" : " " + container.lastHealthOutput()));
				}
			}
			assertThat(states).hasSize(SERVICES.size()).allSatisfy((service, state) -> assertThat(state).isEqualTo("healthy"));
		});
	}

	/** Each long-running service's stop_grace_period, as compose reads it. */
	@SuppressWarnings("unchecked")
	private static Map<String, Duration> gracePeriods() {
		Map<String, Object> services = (Map<String, Object>) ComposeFile.load().interpolated(environment).get("services");
		Map<String, Duration> grace = new TreeMap<>();
		for (String service : SERVICES) {
			String period = String.valueOf(((Map<String, Object>) services.get(service)).get("stop_grace_period"));
			grace.put(service, Duration.parse("PT" + period.toUpperCase(java.util.Locale.ROOT)));
		}
		return grace;
	}

	/** A project of its own, with the same override and ports of its own, for an .env that must not start. */
	private static ComposeStack badStack(String name, Map<String, String> values) throws IOException {
		Map<String, String> own = new LinkedHashMap<>(values);
		own.put("COMPOSE_PROJECT_NAME", PROJECT + "-" + name);
		for (String port : PORTS) {
			own.put(port, String.valueOf(Ports.free()));
		}
		Path file = WORK.resolve(name + ".env");
		Files.writeString(file, envFile(own));
		ComposeStack bad = new ComposeStack(PROJECT + "-" + name, file, OVERRIDE);
		bad.run(Duration.ofMinutes(2), "down", "--volumes", "--remove-orphans");
		return bad;
	}

	/** How many containers of the producer, the consumer and the API run. */
	private static int applicationContainers() {
		return (int) stack.containers()
			.values()
			.stream()
			.filter((container) -> container.running() && container.service().startsWith("crypto-"))
			.count();
	}

	private static String url(String portVariable) {
		return "http://127.0.0.1:" + environment.get(portVariable);
	}

	private static String adminToken() {
		return environment.get("INFLUX_ADMIN_USER") + ":" + environment.get("INFLUX_ADMIN_PASSWORD");
	}

	private static InfluxV1 admin() {
		return new InfluxV1(url("INFLUX_PORT"), adminToken());
	}

	private static long points() {
		return count("SELECT count(\"price_usd\") FROM \"crypto_price\"");
	}

	private static long pointsUntil(Instant until) {
		return count("SELECT count(\"price_usd\") FROM \"crypto_price\" WHERE time <= " + until.toEpochMilli() + "ms");
	}

	private static long count(String influxQl) {
		List<Map<String, Object>> rows = admin().query("crypto-data", influxQl);
		return rows.isEmpty() ? 0 : ((Number) rows.get(0).get("count")).longValue();
	}

	private static int read(String token, String database) {
		return new InfluxV1(url("INFLUX_PORT"), token).send(database, "SELECT * FROM /.*/ LIMIT 1").status();
	}

	private static int write(String token, String database, String line) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(url("INFLUX_PORT") + "/write?db=" + URLEncoder.encode(database, StandardCharsets.UTF_8)))
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(line));
		if (token != null) {
			request.header("Authorization", "Token " + token);
		}
		return send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static JsonNode prometheus(String path) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url("PROMETHEUS_PORT") + path))
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("Prometheus %s: %s", path, response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private static List<JsonNode> promQl(String query) {
		List<JsonNode> result = new ArrayList<>();
		prometheus("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)).path("data")
			.path("result")
			.forEach(result::add);
		return result;
	}

	private static List<String> labels(List<JsonNode> series, String label) {
		return series.stream().map((one) -> one.path("metric").path(label).asString()).toList();
	}

	/** The first tick the API's live stream sends. */
	private static String firstStreamedTick() {
		HttpResponse<InputStream> response = send(
				HttpRequest.newBuilder(URI.create(url("API_PORT") + "/api/v1/stream")).build(),
				HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		try (InputStream body = response.body()) {
			CompletableFuture<String> tick = CompletableFuture.supplyAsync(() -> {
				try {
					BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
					for (String line = reader.readLine(); line != null; line = reader.readLine()) {
						if (line.startsWith("data:") && line.contains("price_usd")) {
							return line;
						}
					}
					return "(the stream ended)";
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			return tick.get(60, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError("No tick on the live stream within 60 s: " + ex, ex);
		}
	}

	private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
		try {
			return HTTP.send(request, handler);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(request.uri() + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Set<String> coins(List<Map<String, Object>> rows) {
		Set<String> coins = new TreeSet<>();
		rows.forEach((row) -> coins.add(String.valueOf(row.get("crypto"))));
		return coins;
	}

	private static Map<String, String> env(Container container) {
		Map<String, String> env = new TreeMap<>();
		container.environment().forEach((entry) -> {
			// docker-compose 1.29 hands on a name without a value as "NAME": unset in the container
			int equals = entry.indexOf('=');
			if (equals > 0) {
				env.put(entry.substring(0, equals), entry.substring(equals + 1));
			}
		});
		return env;
	}

	private static Set<String> union(Set<String> one, Set<String> other) {
		Set<String> union = new TreeSet<>(one);
		union.addAll(other);
		return union;
	}

}
