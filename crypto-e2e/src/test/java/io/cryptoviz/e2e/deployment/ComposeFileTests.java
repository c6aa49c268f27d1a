package io.cryptoviz.e2e.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.cryptoviz.e2e.deployment.ComposeFile.MissingVariableException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * The docker compose deployment, checked without Docker: the file as compose interpolates it,
 * every address a container is given against the services and ports that exist, healthchecks
 * and start order, volumes, the image recipe, and the Prometheus and Grafana files it mounts.
 */
class ComposeFileTests {

	/** The CryptoViz services and the module each image is built from. */
	private static final List<String> APPLICATIONS = List.of("crypto-producer", "crypto-consumer", "crypto-api");

	private static final Set<String> REQUIRED = Set.of("INFLUX_ADMIN_USER", "INFLUX_ADMIN_PASSWORD", "INFLUX_ADMIN_TOKEN",
			"INFLUX_CONSUMER_PASSWORD", "INFLUX_API_PASSWORD", "INFLUX_GRAFANA_PASSWORD", "GRAFANA_ADMIN_PASSWORD",
			"GRAFANA_SECRET_KEY");

	/** The containers that keep running (check-env runs first and exits). */
	private static final List<String> LONG_RUNNING = List.of("kafka", "influxdb", "crypto-producer", "crypto-consumer",
			"crypto-api", "prometheus", "grafana");

	/** Each service's InfluxDB v1 user, and the buckets it may read and write. */
	private static final Map<String, String> INFLUX_USERS = Map.of("crypto-consumer", "crypto-consumer", "crypto-api",
			"crypto-api", "grafana", "grafana");

	/** Spring Boot's default spring.lifecycle.timeout-per-shutdown-phase, which no service changes. */
	private static final Duration SPRING_GRACEFUL_SHUTDOWN = Duration.ofSeconds(30);

	private static final Pattern URL = Pattern.compile("^[a-z]+://([^/:]+)(?::(\\d+))?(/.*)?$");

	private static final Pattern HOST_PORT = Pattern.compile("^([A-Za-z0-9.-]+):(\\d+)$");

	private static ComposeFile compose;

	private static Map<String, Object> model;

	private static Map<String, Map<String, Object>> services;

	@BeforeAll
	static void load() {
		compose = ComposeFile.load();
		model = compose.interpolated(exampleEnvironmentWithRequiredValues());
		services = mapOf(model.get("services"));
	}

	@Test
	void refusesToStartWithoutEachRequiredVariableAndSaysWhereToSetIt() {
		Set<String> required = new TreeSet<>();
		compose.variables().forEach((name, isRequired) -> {
			if (isRequired) {
				required.add(name);
			}
		});
		assertThat(required).containsExactlyInAnyOrderElementsOf(REQUIRED);
		for (String variable : REQUIRED) {
			Map<String, String> environment = new HashMap<>(exampleEnvironmentWithRequiredValues());
			environment.put(variable, "");
			assertThatExceptionOfType(MissingVariableException.class)
				.isThrownBy(() -> compose.interpolated(environment))
				.satisfies((ex) -> assertThat(ex.variable).isEqualTo(variable))
				.withMessageContaining("docker/.env");
		}
		// as shipped, .env.example starts nothing: every credential must be chosen
		assertThatExceptionOfType(MissingVariableException.class)
			.isThrownBy(() -> compose.interpolated(ComposeFile.envExample()));
	}

	@Test
	void envExampleDocumentsEveryVariableAndHoldsNoCredential() {
		Map<String, String> example = ComposeFile.envExample();
		assertThat(example.keySet()).containsAll(compose.variables().keySet());
		assertThat(ComposeFile.documentedInEnvExample()).containsAll(example.keySet());
		Set<String> used = new TreeSet<>(compose.variables().keySet());
		used.add("COMPOSE_PROJECT_NAME"); // read by compose itself
		assertThat(used).containsAll(example.keySet());
		// settings passed on by name only (no value in compose.yaml) are shown, commented out
		String text = ComposeFile.read(ComposeFile.dockerDirectory().resolve(".env.example"));
		ComposeFileTests.<Map<String, Object>>mapOf(compose.raw().get("services"))
			.forEach((service, definition) -> mapOf(definition.getOrDefault("environment", Map.of()))
			.forEach((name, value) -> {
				if (value == null) {
					assertThat(text).as("%s of %s in .env.example", name, service).contains("#" + name + "=");
				}
			}));
		example.forEach((name, value) -> {
			if (REQUIRED.contains(name) || name.matches(".*(PASSWORD|TOKEN|SECRET|API_KEY)$")) {
				assertThat(value).as("%s in .env.example", name).isEmpty();
			}
		});
	}

	@Test
	void everyCredentialInTheComposeFileComesFromTheEnvironment() {
		Map<String, Map<String, Object>> rawServices = mapOf(compose.raw().get("services"));
		rawServices.forEach((service, definition) -> environment(definition).forEach((name, value) -> {
			if (name.matches(".*(PASSWORD|TOKEN|SECRET|API_KEY)$")) {
				assertThat(value).as("%s of %s", name, service).matches("^([a-z-]+:)?\\$\\{[A-Z_]+(:\\?[^}]*|:-)?}$");
			}
		}));
		String datasources = ComposeFile
			.read(ComposeFile.projectRoot().resolve("grafana/provisioning/datasources/influxdb.yml"));
		assertThat(datasources).contains("Token ${INFLUX_TOKEN}").doesNotContainPattern("(?i)password\\s*:");
	}

	@Test
	void everyAddressAContainerIsGivenIsAServiceAndPortThatListens() {
		List<String> checked = new ArrayList<>();
		services.forEach((service, definition) -> environment(definition).forEach((name, value) -> {
			if (name.equals("KAFKA_ADVERTISED_LISTENERS") || name.equals("KAFKA_LISTENERS")
					|| name.equals("KAFKA_CONTROLLER_QUORUM_VOTERS") || name.startsWith("GF_") || name.equals("INFLUX_TOKEN")) {
				return;
			}
			for (String address : value.split(",")) {
				Matcher url = URL.matcher(address.strip());
				Matcher hostPort = HOST_PORT.matcher(address.strip());
				String host = url.matches() ? url.group(1) : hostPort.matches() ? hostPort.group(1) : null;
				if (host == null || (host.contains(".") && !services.containsKey(host))) {
					continue; // not an address, or one on the internet (CoinGecko)
				}
				int port = url.matches() ? ((url.group(2) != null) ? Integer.parseInt(url.group(2)) : 80)
						: Integer.parseInt(hostPort.group(2));
				assertListens(service + " " + name, host, port);
				checked.add(service + " " + name + " → " + host + ":" + port);
			}
		}));
		assertThat(checked).as("addresses checked")
			.contains("crypto-consumer SPRING_KAFKA_BOOTSTRAP_SERVERS → kafka:9092",
					"crypto-consumer INFLUX_URL → influxdb:8086", "crypto-api INFLUX_URL → influxdb:8086",
					"crypto-producer SPRING_KAFKA_BOOTSTRAP_SERVERS → kafka:9092", "grafana INFLUX_URL → influxdb:8086",
					"grafana PROMETHEUS_URL → prometheus:9090");
	}

	@Test
	void theServicesGetTheSettingsTheyNeed() {
		for (String application : APPLICATIONS) {
			assertThat(environment(services.get(application))).as(application)
				.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
		}
		for (String application : List.of("crypto-consumer", "crypto-api")) {
			assertThat(environment(services.get(application))).as(application)
				.containsEntry("INFLUX_URL", "http://influxdb:8086")
				.containsKey("INFLUX_TOKEN");
		}
		assertThat(environment(services.get("crypto-producer"))).containsEntry("CRYPTOVIZ_PRODUCER_SOURCE", "coingecko")
			.containsKey("COINGECKO_API_KEY");
		assertThat(environment(services.get("grafana"))).containsKey("INFLUX_TOKEN")
			.containsEntry("GF_SECURITY_ADMIN_PASSWORD", "grafana-password");
	}

	@Test
	void everyContainerHasAHealthcheckAndStartsAfterItsDependenciesAreHealthy() {
		assertThat(services.keySet()).containsExactlyInAnyOrderElementsOf(union(LONG_RUNNING, List.of("check-env")));
		services.forEach((service, definition) -> {
			if (LONG_RUNNING.contains(service)) {
				assertThat(mapOf(definition.get("healthcheck"))).as(service).containsKey("test");
			}
			if (definition.containsKey("depends_on")) {
				mapOf(definition.get("depends_on")).forEach((dependency, condition) -> {
					assertThat(services).as("%s depends on", service).containsKey(dependency);
					assertThat(mapOf(condition)).as("%s → %s", service, dependency)
						.containsEntry("condition", dependency.equals("check-env") ? "service_completed_successfully"
								: "service_healthy");
				});
			}
		});
		assertThat(dependencies("crypto-producer")).containsExactly("kafka");
		for (String stateful : List.of("kafka", "influxdb", "prometheus")) {
			assertThat(dependencies(stateful)).as(stateful).containsExactly("check-env");
		}
		assertThat(dependencies("crypto-consumer")).containsExactlyInAnyOrder("kafka", "influxdb");
		assertThat(dependencies("crypto-api")).containsExactlyInAnyOrder("kafka", "influxdb");
		assertThat(dependencies("grafana")).contains("influxdb", "prometheus");
	}

	@Test
	void theServicesHealthchecksAskTheirReadinessProbeOnTheirOwnPortWithAToolTheImageHas() {
		String runtimeStage = runtimeStage();
		for (String application : APPLICATIONS) {
			List<String> test = listOf(mapOf(services.get(application).get("healthcheck")).get("test"));
			int port = serverPort(application);
			assertThat(test).as(application)
				.startsWith("CMD", "curl")
				.contains("http://localhost:" + port + "/actuator/health/readiness");
			assertThat(runtimeStage).contains("install").contains(" curl");
		}
	}

	@Test
	void portsArePublishedOnLocalhostOnlyButThePageAndGrafanaWhereTheOneVariableSays() {
		Set<String> hostPorts = new HashSet<>();
		Map<String, List<String>> published = new TreeMap<>();
		services.forEach((service, definition) -> {
			for (String mapping : ComposeFileTests.<String>listOf(definition.getOrDefault("ports", List.of()))) {
				assertThat(mapping).as("%s publishes %s", service, mapping).matches("^\\d+\\.\\d+\\.\\d+\\.\\d+:\\d+:\\d+$");
				assertThat(hostPorts.add(mapping.split(":")[1])).as("host port of %s: %s", service, mapping).isTrue();
				published.computeIfAbsent(service, (key) -> new ArrayList<>()).add(mapping);
			}
		});
		assertThat(published).containsOnly(entry("crypto-consumer", List.of("127.0.0.1:8082:8082")),
				entry("crypto-api", List.of("127.0.0.1:8080:8080")), entry("grafana", List.of("127.0.0.1:3000:3000")),
				entry("prometheus", List.of("127.0.0.1:9090:9090")), entry("influxdb", List.of("127.0.0.1:8086:8086")),
				entry("kafka", List.of("127.0.0.1:29092:29092")));
		// the producer publishes nothing, so that a second one (--scale crypto-producer=2) can start
		assertThat(services.get("crypto-producer")).doesNotContainKey("ports");

		Map<String, String> exposed = new HashMap<>(exampleEnvironmentWithRequiredValues());
		exposed.put("PUBLISH_ADDRESS", "0.0.0.0");
		Map<String, Map<String, Object>> exposedServices = mapOf(compose.interpolated(exposed).get("services"));
		exposedServices.forEach((service, definition) -> {
			for (String mapping : ComposeFileTests.<String>listOf(definition.getOrDefault("ports", List.of()))) {
				assertThat(mapping).as(service)
					.startsWith(List.of("crypto-api", "grafana").contains(service) ? "0.0.0.0:" : "127.0.0.1:");
			}
		});
		for (String application : APPLICATIONS) {
			assertThat(containerPorts(application)).as(application).contains(serverPort(application));
		}
	}

	@Test
	void kafkaRunsKRaftWithAListenerForTheContainersAndOneForTheHost() {
		Map<String, Object> kafka = services.get("kafka");
		// the broker is the Kafka release the services' clients are (and ComposeStackIT's stand-in runs)
		assertThat((String) kafka.get("image")).isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
		assertThat(services.keySet()).noneMatch((name) -> name.contains("zookeeper"));
		Map<String, String> env = environment(kafka);
		assertThat(env).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
			.doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT");

		Map<String, String> listeners = listeners(env.get("KAFKA_LISTENERS"));
		Map<String, String> advertised = listeners(env.get("KAFKA_ADVERTISED_LISTENERS"));
		Map<String, String> protocols = new HashMap<>();
		for (String entry : env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(",")) {
			protocols.put(entry.split(":")[0], entry.split(":")[1]);
		}
		assertThat(protocols.keySet()).containsAll(listeners.keySet());
		assertThat(listeners).containsKeys("PLAINTEXT", "CONTROLLER", "EXTERNAL");
		assertThat(advertised).containsEntry("PLAINTEXT", "kafka:9092").containsKey("EXTERNAL")
			.doesNotContainKey("CONTROLLER");
		assertThat(listeners.get("PLAINTEXT")).isEqualTo(":9092");
		assertThat(env.get("KAFKA_CONTROLLER_LISTENER_NAMES")).isEqualTo("CONTROLLER");
		assertThat(env.get("KAFKA_INTER_BROKER_LISTENER_NAME")).isEqualTo("PLAINTEXT");
		assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"))
			.isEqualTo(env.get("KAFKA_NODE_ID") + "@kafka" + listeners.get("CONTROLLER"));

		// the host reaches the EXTERNAL listener on the port that listener advertises
		String externalPort = advertised.get("EXTERNAL").split(":")[1];
		assertThat(advertised.get("EXTERNAL")).startsWith("localhost:");
		assertThat(listOf(kafka.get("ports"))).contains("127.0.0.1:" + externalPort + listeners.get("EXTERNAL"));

		env.forEach((name, value) -> {
			if (name.endsWith("REPLICATION_FACTOR") || name.endsWith("MIN_ISR")) {
				assertThat(value).as(name).isEqualTo("1");
			}
		});
		assertThat(env).containsKeys("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR",
				"KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR");
		Uuid.fromString(env.get("CLUSTER_ID"));
		assertThat(Uuid.fromString(ComposeFile.envExample().get("KAFKA_CLUSTER_ID")).toString())
			.isEqualTo(env.get("CLUSTER_ID"));
	}

	@Test
	void influxDbIsSetUpWithTheBucketTheServicesAndGrafanaUseAndTheTokenTheyPresent() {
		Map<String, String> env = environment(services.get("influxdb"));
		assertThat((String) services.get("influxdb").get("image")).isEqualTo("influxdb:2.7");
		assertThat(env).containsEntry("DOCKER_INFLUXDB_INIT_MODE", "setup")
			.containsEntry("DOCKER_INFLUXDB_INIT_BUCKET", "crypto-data")
			.containsEntry("DOCKER_INFLUXDB_INIT_ADMIN_TOKEN", "admin-token-value")
			.containsKeys("DOCKER_INFLUXDB_INIT_ORG", "DOCKER_INFLUXDB_INIT_RETENTION", "DOCKER_INFLUXDB_INIT_USERNAME",
					"DOCKER_INFLUXDB_INIT_PASSWORD");
		String bucket = env.get("DOCKER_INFLUXDB_INIT_BUCKET");
		for (String application : List.of("crypto-consumer", "crypto-api")) {
			Map<String, Object> config = applicationYaml(application);
			// the bucket's DBRP mapping serves it on the v1 API as a database of the same name
			assertThat(mapOf(config.get("influx")).get("database")).as(application).isEqualTo(bucket);
		}
		Map<String, Object> influxDatasource = datasource("cryptoviz-influxdb");
		assertThat(mapOf(influxDatasource.get("jsonData"))).containsEntry("dbName", bucket)
			.containsEntry("version", "InfluxQL")
			.containsEntry("httpHeaderName1", "Authorization");
		assertThat(mapOf(influxDatasource.get("secureJsonData"))).containsEntry("httpHeaderValue1",
				"Token ${INFLUX_TOKEN}");
	}

	@Test
	void dataLivesInNamedVolumesAndMountedFilesExist() {
		Set<String> declared = mapOf(model.get("volumes")).keySet();
		Map<String, String> expected = Map.of("influxdb", "/var/lib/influxdb2", "grafana", "/var/lib/grafana",
				"kafka", environment(services.get("kafka")).get("KAFKA_LOG_DIRS"), "prometheus", "/prometheus");
		expected.forEach((service, path) -> {
			Map<String, String> mounts = mounts(service);
			assertThat(mounts).as(service).containsValue(path);
			String volume = mounts.entrySet()
				.stream()
				.filter((mount) -> mount.getValue().equals(path))
				.findFirst()
				.orElseThrow()
				.getKey();
			assertThat(declared).as("named volume of %s", service).contains(volume);
		});
		services.keySet().forEach((service) -> mounts(service).keySet().forEach((source) -> {
			if (source.startsWith(".")) {
				assertThat(ComposeFile.dockerDirectory().resolve(source).normalize()).as("%s mounts", service).exists();
			}
			else {
				assertThat(declared).as("%s mounts volume", service).contains(source);
			}
		}));
		assertThat(listOf(services.get("prometheus").get("command")))
			.contains("--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus");
		assertThat(mounts("prometheus")).containsEntry("./prometheus/prometheus.yml", "/etc/prometheus/prometheus.yml");
	}

	@Test
	void theServicesAreBuiltFromTheRepositoryByOneMultiStageDockerfileAsANonRootUser() {
		Path root = ComposeFile.projectRoot();
		String rootPom = ComposeFile.read(root.resolve("pom.xml"));
		for (String application : APPLICATIONS) {
			Map<String, Object> build = mapOf(services.get(application).get("build"));
			assertThat(build).containsEntry("context", "..").containsEntry("dockerfile", "docker/Dockerfile");
			String module = (String) mapOf(build.get("args")).get("MODULE");
			assertThat(module).isEqualTo(application);
			assertThat(root.resolve(module).resolve("pom.xml")).exists();
			assertThat(rootPom).contains("<module>" + module + "</module>");
		}
		String dockerfile = ComposeFile.read(ComposeFile.dockerDirectory().resolve("Dockerfile"));
		assertThat(Pattern.compile("^FROM ", Pattern.MULTILINE).matcher(dockerfile).results().count()).isEqualTo(2);
		assertThat(dockerfile).containsPattern("FROM \\S+ AS build")
			.contains("ARG MODULE")
			.contains("--mount=type=cache,target=/root/.m2,sharing=locked")
			.containsPattern("\\./mvnw .*-pl crypto-producer,crypto-consumer,crypto-api -am")
			.contains("COPY --from=build --chown=root:root /workspace/applications/${MODULE}/ /app/");
		Matcher user = Pattern.compile("^USER (\\S+)", Pattern.MULTILINE).matcher(runtimeStage());
		assertThat(user.find()).as("runtime stage sets USER").isTrue();
		assertThat(user.group(1).split(":")[0]).isNotIn("root", "0");
		assertThat(runtimeStage()).contains("useradd --system");
		assertThat(ComposeFile.read(root.resolve(".dockerignore"))).contains("**/target", ".git", "docker/.env");
	}

	@Test
	void runsUnderComposeV2AndDockerCompose129() {
		// docker-compose 1.29 refuses a top-level name:, and needs no version:; .env names the project
		assertThat(compose.raw().keySet()).containsExactlyInAnyOrder("services", "volumes");
		assertThat(ComposeFile.envExample()).containsEntry("COMPOSE_PROJECT_NAME", "cryptoviz");
		// keys docker-compose 1.29's schema does not know
		services.forEach((service, definition) -> {
			assertThat(definition).as(service).doesNotContainKeys("develop", "pull_policy");
			if (definition.containsKey("healthcheck")) {
				assertThat(mapOf(definition.get("healthcheck"))).as(service).doesNotContainKey("start_interval");
			}
		});
	}

	@Test
	void eachContainerGetsOnlyItsOwnInfluxDbCredentialAndTheAdminTokenStaysWithInfluxDb() {
		Map<String, Set<String>> secrets = new TreeMap<>();
		Map<String, String> values = exampleEnvironmentWithRequiredValues();
		services.forEach((service, definition) -> {
			Set<String> held = new TreeSet<>();
			environment(definition).values().forEach((value) -> REQUIRED.forEach((name) -> {
				if (!name.equals("INFLUX_ADMIN_USER") && value.contains(values.get(name))) {
					held.add(name);
				}
			}));
			secrets.put(service, held);
		});
		assertThat(secrets).containsOnly(entry("crypto-producer", Set.of()), entry("kafka", Set.of()),
				entry("prometheus", Set.of()), entry("crypto-consumer", Set.of("INFLUX_CONSUMER_PASSWORD")),
				entry("crypto-api", Set.of("INFLUX_API_PASSWORD")),
				entry("grafana", Set.of("INFLUX_GRAFANA_PASSWORD", "GRAFANA_ADMIN_PASSWORD", "GRAFANA_SECRET_KEY")),
				// InfluxDB creates every credential; check-env checks the passwords' length
				entry("influxdb", Set.of("INFLUX_ADMIN_PASSWORD", "INFLUX_ADMIN_TOKEN", "INFLUX_CONSUMER_PASSWORD",
						"INFLUX_API_PASSWORD", "INFLUX_GRAFANA_PASSWORD")),
				entry("check-env", Set.of("INFLUX_ADMIN_PASSWORD", "INFLUX_CONSUMER_PASSWORD", "INFLUX_API_PASSWORD",
						"INFLUX_GRAFANA_PASSWORD")));
		// each presents its v1 user and password as "Token user:password"
		assertThat(environment(services.get("crypto-consumer"))).containsEntry("INFLUX_TOKEN", "crypto-consumer:consumer-password");
		assertThat(environment(services.get("crypto-api"))).containsEntry("INFLUX_TOKEN", "crypto-api:api-password");
		assertThat(environment(services.get("grafana"))).containsEntry("INFLUX_TOKEN", "grafana:grafana-influx-password");
	}

	@Test
	void influxDbsFirstSetupGivesEachServiceTheRightsItNeedsAndNoMore() {
		assertThat(mounts("influxdb")).containsEntry("./influxdb/init", "/docker-entrypoint-initdb.d");
		Path hook = ComposeFile.dockerDirectory().resolve("influxdb/init/create-service-credentials.sh");
		assertThat(Files.isExecutable(hook)).as("the image runs only executable hooks").isTrue();
		String script = ComposeFile.read(hook).replaceAll("\\\\\n\\s*", " ");
		assertThat(script).contains("influx bucket create --org \"$org\" --name crypto-rollups --retention 0")
			.contains("influx v1 dbrp create --org \"$org\" --db crypto-rollups --rp autogen --bucket-id \"$rollups\"");
		Map<String, String> authorizations = new TreeMap<>();
		Matcher create = Pattern.compile("influx v1 auth create (.*)").matcher(script);
		while (create.find()) {
			Matcher user = Pattern.compile("--username (\\S+) --password \"\\$\\{(\\w+):\\?}\"").matcher(create.group(1));
			assertThat(user.find()).as(create.group()).isTrue();
			List<String> rights = new ArrayList<>();
			Matcher right = Pattern.compile("--(read|write)-bucket \"\\$(\\w+)\"").matcher(create.group(1));
			while (right.find()) {
				rights.add(right.group(1) + " " + right.group(2));
			}
			authorizations.put(user.group(1) + " (" + user.group(2) + ")", String.join(", ", rights));
		}
		assertThat(authorizations).containsOnly(
				entry("crypto-consumer (INFLUX_CONSUMER_PASSWORD)", "read data, write data, read rollups, write rollups"),
				entry("crypto-api (INFLUX_API_PASSWORD)", "read data, read rollups"),
				entry("grafana (INFLUX_GRAFANA_PASSWORD)", "read data, read rollups"));
		// the users the services present are the ones created
		INFLUX_USERS.forEach((service, user) -> assertThat(environment(services.get(service)).get("INFLUX_TOKEN"))
			.startsWith(user + ":"));
		// the stand-in of ComposeStackIT grants InfluxDB 1.x's equivalent
		String standIn = ComposeFile.read(ComposeFile.projectRoot()
			.resolve("crypto-e2e/src/test/resources/deployment/influxdb1-init/create-service-credentials.sh"));
		assertThat(standIn).contains("GRANT ALL ON \\\"$database\\\" TO \\\"crypto-consumer\\\"")
			.contains("GRANT READ ON \\\"$database\\\" TO \\\"crypto-api\\\"")
			.contains("GRANT READ ON \\\"$database\\\" TO \\\"grafana\\\"")
			.doesNotContain("WITH ALL PRIVILEGES");
	}

	@Test
	void theDefaultRetentionKeepsEveryDocumentedBackfill() {
		// 0 is InfluxDB's "for ever": a backfill of a year (public plans) or more (pro) is never refused
		assertThat(environment(services.get("influxdb"))).containsEntry("DOCKER_INFLUXDB_INIT_RETENTION", "0");
		assertThat(ComposeFile.envExample()).containsEntry("INFLUX_RETENTION", "0");
	}

	@Test
	void checkEnvRefusesPasswordsInfluxDbWouldNotTakeBeforeAnythingStarts() throws Exception {
		Map<String, Object> check = services.get("check-env");
		assertThat(check).containsEntry("restart", "no").doesNotContainKey("ports");
		List<String> command = new ArrayList<>(listOf(check.get("entrypoint")));
		command.addAll(listOf(check.get("command")));
		assertThat(command).startsWith("bash", "-c");
		Map<String, String> valid = environment(check);
		assertThat(run(command, valid)).startsWith("exit 0");

		Map<String, String> tooShort = new HashMap<>(valid);
		tooShort.put("INFLUX_ADMIN_PASSWORD", "seven77");
		assertThat(run(command, tooShort)).isEqualTo("exit 1: docker/.env: INFLUX_ADMIN_PASSWORD is 7 characters long; "
				+ "InfluxDB takes passwords of 8 characters or more");
		for (String password : valid.keySet()) {
			Map<String, String> one = new HashMap<>(valid);
			one.put(password, "short");
			assertThat(run(command, one)).as(password).startsWith("exit 1: docker/.env: " + password + " is 5 characters");
		}
	}

	@Test
	void everyLongRunningContainerHasAMemoryLimitAndAGracePeriodLongerThanItsShutdown() {
		for (String service : LONG_RUNNING) {
			Map<String, Object> definition = services.get(service);
			assertThat(definition).as(service).containsKeys("mem_limit", "stop_grace_period");
			assertThat(bytes(String.valueOf(definition.get("mem_limit")))).as(service).isGreaterThanOrEqualTo(256L << 20);
		}
		for (String application : APPLICATIONS) {
			Map<String, Object> config = applicationYaml(application);
			assertThat(mapOf(config.get("server"))).as(application).containsEntry("shutdown", "graceful");
			assertThat(mapOf(config.get("spring"))).as(application).doesNotContainKey("lifecycle");
		}
		// Spring's graceful shutdown, plus what may be under way: a poll (its scheduler waits for it), a write
		assertThat(grace("crypto-producer")).isGreaterThan(SPRING_GRACEFUL_SHUTDOWN.plus(duration(String.valueOf(
				mapOf(mapOf(mapOf(mapOf(applicationYaml("crypto-producer").get("spring")).get("task")).get("scheduling"))
					.get("shutdown")).get("await-termination-period")))));
		// (influx.read-timeout bounds a write too)
		assertThat(grace("crypto-consumer")).isGreaterThan(SPRING_GRACEFUL_SHUTDOWN.plus(
				duration(String.valueOf(mapOf(applicationYaml("crypto-consumer").get("influx")).get("read-timeout")))));
		assertThat(grace("crypto-api")).isGreaterThan(SPRING_GRACEFUL_SHUTDOWN);
		// the JVMs size their heap from the limit; Kafka's heap fits in its limit
		assertThat(runtimeStage()).contains("-XX:MaxRAMPercentage=75");
		Matcher heap = Pattern.compile("-Xmx(\\d+[mg])").matcher(environment(services.get("kafka")).get("KAFKA_HEAP_OPTS"));
		assertThat(heap.find()).isTrue();
		assertThat(bytes(heap.group(1))).isLessThan(bytes(String.valueOf(services.get("kafka").get("mem_limit"))) * 3 / 4);
	}

	@Test
	void kafkasHealthcheckStartsAJvmOnlyUntilTheBrokerFirstAnswers() {
		List<String> test = listOf(mapOf(services.get("kafka").get("healthcheck")).get("test"));
		assertThat(test).startsWith("CMD", "bash", "-c");
		String script = test.get(3);
		Matcher branches = Pattern.compile("^if \\[ -e (\\S+) ]; then (.*); else (.*); fi$").matcher(script);
		assertThat(branches.matches()).as(script).isTrue();
		assertThat(branches.group(1)).startsWith("/dev/shm/"); // emptied when the container restarts
		assertThat(branches.group(2)).contains("/dev/tcp/localhost/9092").doesNotContain("/opt/kafka/bin");
		assertThat(branches.group(3)).contains("/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server localhost:9092")
			.endsWith("touch " + branches.group(1));
	}

	@Test
	void kafkasHealthcheckGivesTheJvmTimeOnABusyHostAndStillGivesUpOnABrokerThatNeverAnswersWithinMinutes() {
		Map<String, Object> healthcheck = mapOf(services.get("kafka").get("healthcheck"));
		Duration timeout = duration(String.valueOf(healthcheck.get("timeout")));
		// a JVM's start took more than 10 s on two cores at a load of 20, and every attempt failed
		assertThat(timeout).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
		// until unhealthy, which is when `docker compose up` stops waiting for the services that need Kafka
		Duration untilUnhealthy = duration(String.valueOf(healthcheck.get("start_period")))
			.plus(duration(String.valueOf(healthcheck.get("interval"))).plus(timeout)
				.multipliedBy(Long.parseLong(String.valueOf(healthcheck.get("retries")))));
		assertThat(untilUnhealthy).isLessThanOrEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void imagesArePinnedAndGrafanaIsAPatchedReleaseWithItsSecretKeyAndNoSignUp() {
		services.forEach((service, definition) -> {
			String image = String.valueOf(definition.get("image"));
			assertThat(image).as(service).matches("^[a-z0-9./-]+:[A-Za-z0-9._-]+$");
			if (!definition.containsKey("build")) {
				// pulled: a release, never whatever "latest" is that day
				assertThat(image).as(service).doesNotEndWith(":latest").matches(".*:v?\\d+(\\.\\d+)+$");
			}
		});
		// 12.0.0 has CVE-2025-4123 (fixed in 12.0.1); 12.2 is past its end of life: 12.4, patched
		assertThat(services.get("grafana")).containsEntry("image", "grafana/grafana:12.4.15");
		assertThat(environment(services.get("grafana"))).containsEntry("GF_SECURITY_SECRET_KEY", "grafana-secret-key")
			.containsEntry("GF_USERS_ALLOW_SIGN_UP", "false")
			.containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false");
		String dockerfile = ComposeFile.read(ComposeFile.dockerDirectory().resolve("Dockerfile"));
		// no "# syntax=" line: BuildKit would pull its frontend image; base images are build arguments
		assertThat(dockerfile).doesNotContainPattern("(?m)^#\\s*syntax=")
			.contains("ARG BUILD_IMAGE=eclipse-temurin:17-jdk-noble")
			.contains("ARG RUNTIME_IMAGE=eclipse-temurin:17-jre-noble")
			.contains("FROM ${BUILD_IMAGE} AS build")
			.contains("\nFROM ${RUNTIME_IMAGE}\n");
	}

	@Test
	void checkoutsKeepTheScriptsLfAndImageBuildsLeaveLogsOut() {
		String attributes = ComposeFile.read(ComposeFile.projectRoot().resolve(".gitattributes"));
		assertThat(attributes).containsPattern("(?m)^mvnw\\s+.*eol=lf").containsPattern("(?m)^\\*\\.sh\\s+.*eol=lf");
		assertThat(ComposeFile.read(ComposeFile.projectRoot().resolve(".dockerignore")).lines()).contains("**/*.log");
		// Grafana logs an error for each provisioning folder it does not find
		for (String folder : List.of("dashboards", "datasources", "plugins", "alerting")) {
			assertThat(ComposeFile.projectRoot().resolve("grafana/provisioning").resolve(folder)).isDirectory();
		}
	}

	@Test
	void prometheusFindsEveryContainerOfEveryServiceByNameWhereItServesItsMetrics() {
		Map<String, Object> prometheus = new Yaml()
			.load(ComposeFile.read(ComposeFile.dockerDirectory().resolve("prometheus/prometheus.yml")));
		Set<String> targets = new TreeSet<>();
		for (Object job : listOf(prometheus.get("scrape_configs"))) {
			Map<String, Object> scrape = mapOf(job);
			assertThat(scrape).containsEntry("metrics_path", "/actuator/prometheus").doesNotContainKey("static_configs");
			for (Object config : listOf(scrape.get("dns_sd_configs"))) {
				// type A: Docker's DNS answers a service name with the address of each of its containers
				assertThat(mapOf(config)).containsEntry("type", "A");
				for (Object name : listOf(mapOf(config).get("names"))) {
					targets.add(name + ":" + mapOf(config).get("port"));
				}
			}
		}
		Set<String> expected = new TreeSet<>();
		for (String application : APPLICATIONS) {
			expected.add(application + ":" + serverPort(application));
			Map<String, Object> management = mapOf(applicationYaml(application).get("management"));
			assertThat(String.valueOf(mapOf(mapOf(mapOf(management.get("endpoints")).get("web")).get("exposure"))
				.get("include"))).as(application).contains("prometheus");
		}
		assertThat(targets).isEqualTo(expected);
		for (String target : targets) {
			assertListens("prometheus target", target.split(":")[0], Integer.parseInt(target.split(":")[1]));
		}
	}

	@Test
	void grafanaFindsItsProvisioningDashboardsAndDatasourcesWhereTheyAreMounted() {
		Map<String, String> mounts = mounts("grafana");
		assertThat(mounts).containsEntry("../grafana/provisioning", "/etc/grafana/provisioning");
		Map<String, Object> providers = new Yaml().load(ComposeFile
			.read(ComposeFile.projectRoot().resolve("grafana/provisioning/dashboards/dashboard.yml")));
		String dashboardsPath = (String) mapOf(mapOf(listOf(providers.get("providers")).get(0)).get("options"))
			.get("path");
		assertThat(mounts).containsEntry("../grafana/dashboards", dashboardsPath);
		String home = environment(services.get("grafana")).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
		assertThat(home).startsWith(dashboardsPath + "/");
		assertThat(ComposeFile.projectRoot().resolve("grafana/dashboards").resolve(home.substring(dashboardsPath.length() + 1)))
			.exists();

		// every ${VAR} of the datasources file is set in Grafana's environment
		String datasources = ComposeFile
			.read(ComposeFile.projectRoot().resolve("grafana/provisioning/datasources/influxdb.yml"))
			.replaceAll("(?m)^\\s*#.*$", "");
		Matcher variable = Pattern.compile("\\$\\{(\\w+)}").matcher(datasources);
		while (variable.find()) {
			assertThat(environment(services.get("grafana"))).containsKey(variable.group(1));
		}
		assertThat(mapOf(datasource("cryptoviz-prometheus"))).containsEntry("type", "prometheus");

		// dashboards use only provisioned datasources
		Set<String> provisioned = Set.of("cryptoviz-influxdb", "cryptoviz-prometheus");
		try (Stream<Path> files = Files.list(ComposeFile.projectRoot().resolve("grafana/dashboards"))) {
			List<Path> dashboards = files.toList();
			assertThat(dashboards).hasSize(3);
			for (Path dashboard : dashboards) {
				Matcher uid = Pattern.compile("\"uid\": \"(cryptoviz-[a-z]+)\"").matcher(ComposeFile.read(dashboard));
				while (uid.find()) {
					assertThat(provisioned).as(dashboard.getFileName().toString()).contains(uid.group(1));
				}
			}
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	// ---------------------------------------------------------------------------------------

	/** .env.example with the required (empty) values filled in, as a user would. */
	private static Map<String, String> exampleEnvironmentWithRequiredValues() {
		Map<String, String> environment = new HashMap<>(ComposeFile.envExample());
		environment.put("INFLUX_ADMIN_USER", "admin");
		environment.put("INFLUX_ADMIN_PASSWORD", "influx-admin-password");
		environment.put("INFLUX_ADMIN_TOKEN", "admin-token-value");
		environment.put("INFLUX_CONSUMER_PASSWORD", "consumer-password");
		environment.put("INFLUX_API_PASSWORD", "api-password");
		environment.put("INFLUX_GRAFANA_PASSWORD", "grafana-influx-password");
		environment.put("GRAFANA_ADMIN_PASSWORD", "grafana-password");
		environment.put("GRAFANA_SECRET_KEY", "grafana-secret-key");
		return environment;
	}

	private static String run(List<String> command, Map<String, String> environment) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(environment);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes()).strip();
		return "exit " + process.waitFor() + (output.isEmpty() ? "" : ": " + output);
	}

	private static Duration grace(String service) {
		return duration(String.valueOf(services.get(service).get("stop_grace_period")));
	}

	private static Duration duration(String value) {
		return Duration.parse("PT" + value.toUpperCase(java.util.Locale.ROOT));
	}

	private static long bytes(String size) {
		long number = Long.parseLong(size.replaceAll("[^0-9]", ""));
		return switch (size.toLowerCase(java.util.Locale.ROOT).replaceAll("[0-9]", "")) {
			case "g" -> number << 30;
			case "m" -> number << 20;
			case "k" -> number << 10;
			default -> number;
		};
	}

	private static <T> List<T> union(List<T> one, List<T> other) {
		List<T> union = new ArrayList<>(one);
		union.addAll(other);
		return union;
	}

	private static void assertListens(String who, String host, int port) {
		assertThat(services).as("%s points at host %s", who, host).containsKey(host);
		assertThat(containerPorts(host)).as("%s points at %s:%d", who, host, port).contains(port);
	}

	/** The ports a container listens on: those it publishes, and Kafka's listeners. */
	private static Set<Integer> containerPorts(String service) {
		Set<Integer> ports = new HashSet<>();
		Map<String, Object> definition = services.get(service);
		for (String mapping : ComposeFileTests.<String>listOf(definition.getOrDefault("ports", List.of()))) {
			ports.add(Integer.parseInt(mapping.substring(mapping.lastIndexOf(':') + 1)));
		}
		if (APPLICATIONS.contains(service)) {
			ports.add(serverPort(service));
		}
		String listeners = environment(definition).get("KAFKA_LISTENERS");
		if (listeners != null) {
			listeners(listeners).values().forEach((address) -> ports.add(Integer.parseInt(address.split(":")[1])));
		}
		return ports;
	}

	/** Listener name → {@code host:port} ({@code :port} when bound to every interface). */
	private static Map<String, String> listeners(String value) {
		Map<String, String> listeners = new LinkedHashMap<>();
		for (String listener : value.split(",")) {
			String[] parts = listener.strip().split("://");
			listeners.put(parts[0], parts[1]);
		}
		return listeners;
	}

	private static List<String> dependencies(String service) {
		return new ArrayList<>(mapOf(services.get(service).get("depends_on")).keySet());
	}

	/** Source → target of a service's volumes. */
	private static Map<String, String> mounts(String service) {
		Map<String, String> mounts = new LinkedHashMap<>();
		for (String volume : ComposeFileTests.<String>listOf(services.get(service).getOrDefault("volumes", List.of()))) {
			String[] parts = volume.split(":");
			mounts.put(parts[0], parts[1]);
		}
		return mounts;
	}

	private static Map<String, String> environment(Map<String, Object> service) {
		Map<String, String> environment = new LinkedHashMap<>();
		mapOf(service.getOrDefault("environment", Map.of()))
			.forEach((name, value) -> environment.put(name, String.valueOf(value)));
		return environment;
	}

	private static int serverPort(String application) {
		return ((Number) mapOf(applicationYaml(application).get("server")).get("port")).intValue();
	}

	/**
	 * A service's application.yml with the files it imports ({@code spring.config.import}, from its
	 * own resources or crypto-common's), which rank above it as they do in Spring.
	 */
	private static Map<String, Object> applicationYaml(String application) {
		Path resources = ComposeFile.projectRoot().resolve(application).resolve("src/main/resources");
		Map<String, Object> config = new Yaml().load(ComposeFile.read(resources.resolve("application.yml")));
		Object imports = mapOf(mapOf(config.get("spring")).getOrDefault("config", Map.of())).get("import");
		if (imports != null) {
			for (String location : String.valueOf(imports).split(",")) {
				String name = location.strip().replaceFirst("^(optional:)?classpath:", "");
				Path file = Files.exists(resources.resolve(name)) ? resources.resolve(name)
						: ComposeFile.projectRoot().resolve("crypto-common/src/main/resources").resolve(name);
				merge(config, new Yaml().load(ComposeFile.read(file)));
			}
		}
		return config;
	}

	@SuppressWarnings("unchecked")
	private static void merge(Map<String, Object> into, Map<String, Object> from) {
		from.forEach((key, value) -> {
			if (value instanceof Map && into.get(key) instanceof Map) {
				merge((Map<String, Object>) into.get(key), (Map<String, Object>) value);
			}
			else {
				into.put(key, value);
			}
		});
	}

	private static Map<String, Object> datasource(String uid) {
		Map<String, Object> provisioning = new Yaml().load(ComposeFile
			.read(ComposeFile.projectRoot().resolve("grafana/provisioning/datasources/influxdb.yml")));
		return listOf(provisioning.get("datasources")).stream()
			.map(ComposeFileTests::mapOf)
			.filter((datasource) -> uid.equals(datasource.get("uid")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no datasource " + uid));
	}

	private static String runtimeStage() {
		String dockerfile = ComposeFile.read(ComposeFile.dockerDirectory().resolve("Dockerfile"));
		return dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
	}

	@SuppressWarnings("unchecked")
	private static <V> Map<String, V> mapOf(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, V>) value;
	}

	@SuppressWarnings("unchecked")
	private static <T> List<T> listOf(Object value) {
		assertThat(value).isInstanceOf(List.class);
		return (List<T>) value;
	}

}
