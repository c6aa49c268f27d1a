package io.cryptoviz.e2e.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.cryptoviz.e2e.deployment.ComposeFile.MissingVariableException;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The docker compose deployment, checked without Docker: the file as compose interpolates it,
 * every address a container is given against the services and ports that exist, healthchecks
 * and start order, volumes, the image recipe, and the Prometheus and Grafana files it mounts.
 */
class ComposeFileTests {

	/** The CryptoViz services and the module each image is built from. */
	private static final List<String> APPLICATIONS = List.of("crypto-producer", "crypto-consumer", "crypto-api");

	private static final Set<String> REQUIRED = Set.of("INFLUX_ADMIN_USER", "INFLUX_ADMIN_PASSWORD", "INFLUX_TOKEN",
			"GRAFANA_ADMIN_PASSWORD");

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
		assertThat(compose.variables().keySet()).containsAll(example.keySet());
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
				assertThat(value).as("%s of %s", name, service).matches("^\\$\\{[A-Z_]+(:\\?[^}]*|:-)?}$");
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
					|| name.equals("KAFKA_CONTROLLER_QUORUM_VOTERS") || name.startsWith("GF_")) {
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
				.containsEntry("INFLUX_TOKEN", "token-value");
		}
		assertThat(environment(services.get("crypto-producer"))).containsEntry("CRYPTOVIZ_PRODUCER_SOURCE", "coingecko")
			.containsKey("COINGECKO_API_KEY");
		assertThat(environment(services.get("grafana"))).containsEntry("INFLUX_TOKEN", "token-value")
			.containsEntry("GF_SECURITY_ADMIN_PASSWORD", "grafana-password");
	}

	@Test
	void everyContainerHasAHealthcheckAndStartsAfterItsDependenciesAreHealthy() {
		services.forEach((service, definition) -> {
			assertThat(mapOf(definition.get("healthcheck"))).as(service).containsKey("test");
			if (definition.containsKey("depends_on")) {
				mapOf(definition.get("depends_on")).forEach((dependency, condition) -> {
					assertThat(services).as("%s depends on", service).containsKey(dependency);
					assertThat(mapOf(condition)).as("%s → %s", service, dependency)
						.containsEntry("condition", "service_healthy");
				});
			}
		});
		assertThat(dependencies("crypto-producer")).containsExactly("kafka");
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
	void publishedPortsAreDistinctAndTheServicesPublishThePortsTheyListenOn() {
		Set<String> hostPorts = new HashSet<>();
		services.forEach((service, definition) -> {
			for (String mapping : ComposeFileTests.<String>listOf(definition.getOrDefault("ports", List.of()))) {
				assertThat(hostPorts.add(mapping.split(":")[0])).as("host port of %s: %s", service, mapping).isTrue();
			}
		});
		for (String application : APPLICATIONS) {
			int port = serverPort(application);
			assertThat(listOf(services.get(application).get("ports"))).as(application).contains(port + ":" + port);
		}
		assertThat(listOf(services.get("grafana").get("ports"))).contains("3000:3000");
		assertThat(listOf(services.get("prometheus").get("ports"))).contains("9090:9090");
		assertThat(listOf(services.get("influxdb").get("ports"))).contains("8086:8086");
	}

	@Test
	void kafkaRunsKRaftWithAListenerForTheContainersAndOneForTheHost() {
		Map<String, Object> kafka = services.get("kafka");
		assertThat((String) kafka.get("image")).startsWith("apache/kafka:4.1.");
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
		assertThat(listOf(kafka.get("ports"))).contains(externalPort + listeners.get("EXTERNAL"));

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
			.containsEntry("DOCKER_INFLUXDB_INIT_ADMIN_TOKEN", "token-value")
			.containsKeys("DOCKER_INFLUXDB_INIT_ORG", "DOCKER_INFLUXDB_INIT_RETENTION", "DOCKER_INFLUXDB_INIT_USERNAME",
					"DOCKER_INFLUXDB_INIT_PASSWORD");
		String bucket = env.get("DOCKER_INFLUXDB_INIT_BUCKET");
		for (String application : List.of("crypto-consumer", "crypto-api")) {
			Map<String, Object> config = applicationYaml(application);
			assertThat(mapOf(config.get("influx")).get("bucket")).as(application).isEqualTo(bucket);
			assertThat(mapOf(mapOf(config.get("cryptoviz")).get("influx")).get("database")).as(application)
				.isEqualTo("${influx.bucket}");
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
			.contains("--mount=type=cache,target=/root/.m2")
			.containsPattern("\\./mvnw .*-pl \"\\$\\{MODULE}\" -am")
			.contains("COPY --from=build");
		Matcher user = Pattern.compile("^USER (\\S+)", Pattern.MULTILINE).matcher(runtimeStage());
		assertThat(user.find()).as("runtime stage sets USER").isTrue();
		assertThat(user.group(1).split(":")[0]).isNotIn("root", "0");
		assertThat(runtimeStage()).contains("useradd --system");
		assertThat(ComposeFile.read(root.resolve(".dockerignore"))).contains("**/target", ".git", "docker/.env");
	}

	@Test
	void prometheusScrapesEveryServiceWhereItServesItsMetrics() {
		Map<String, Object> prometheus = new Yaml()
			.load(ComposeFile.read(ComposeFile.dockerDirectory().resolve("prometheus/prometheus.yml")));
		Set<String> targets = new TreeSet<>();
		for (Object job : listOf(prometheus.get("scrape_configs"))) {
			Map<String, Object> scrape = mapOf(job);
			assertThat(scrape).containsEntry("metrics_path", "/actuator/prometheus");
			for (Object config : listOf(scrape.get("static_configs"))) {
				targets.addAll(listOf(mapOf(config).get("targets")));
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
		environment.put("INFLUX_ADMIN_PASSWORD", "influx-password");
		environment.put("INFLUX_TOKEN", "token-value");
		environment.put("GRAFANA_ADMIN_PASSWORD", "grafana-password");
		return environment;
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

	private static Map<String, Object> applicationYaml(String application) {
		return new Yaml().load(ComposeFile.read(
				ComposeFile.projectRoot().resolve(application).resolve("src/main/resources/application.yml")));
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
