package io.cryptoviz.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cryptoviz.devstack.InfluxDbServer;
import io.cryptoviz.devstack.Ports;
import io.cryptoviz.devstack.ServiceProcess;
import io.cryptoviz.testsupport.CoinGeckoStub;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.awaitility.Awaitility.await;

/**
 * A whole pipeline for one test class: a real Kafka broker (spring-kafka-test's embedded KRaft
 * broker), a real InfluxDB, a CoinGecko stub, and the services started from their executable
 * jars with the environment variables a deployment would set.
 */
final class Pipeline implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	final EmbeddedKafkaKraftBroker kafka;

	final InfluxDbServer influx;

	final CoinGeckoStub coinGecko;

	private final Path logs;

	private final List<ServiceProcess> services = new ArrayList<>();

	private final List<Process> commands = new ArrayList<>();

	Pipeline() throws Exception {
		this.kafka = new EmbeddedKafkaKraftBroker(1, 3, "crypto-prices", "crypto-prices-dlt");
		this.kafka.afterPropertiesSet();
		this.influx = InfluxDbServer.temporary().start();
		this.influx.createDatabases();
		this.coinGecko = CoinGeckoStub.start();
		this.logs = Path.of("target", "e2e-logs");
		Files.createDirectories(this.logs);
	}

	/** Starts a service with the pipeline's addresses plus {@code settings} as environment. */
	ServiceProcess start(String service, Map<String, String> settings) {
		ServiceProcess process = new ServiceProcess(service, ServiceProcess.executableJar(projectRoot(), service),
				Ports.free(), environment(settings), this.logs.resolve(service + "-" + System.nanoTime() + ".log"));
		this.services.add(process);
		return process.start();
	}

	/**
	 * Runs a service's jar as a one-shot command ({@code java -jar <jar> <args>}) with the pipeline's
	 * addresses plus {@code settings} as environment, and waits for it to exit.
	 */
	CommandRun run(String service, List<String> args, Map<String, String> settings, Duration timeout)
			throws IOException, InterruptedException {
		Path log = this.logs.resolve(service + "-command-" + System.nanoTime() + ".log");
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:+UseSerialGC", "-jar",
				ServiceProcess.executableJar(projectRoot(), service).toAbsolutePath().toString()));
		command.addAll(args);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().putAll(environment(settings));
		Process process = builder.start();
		this.commands.add(process);
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			throw new AssertionError(service + " " + String.join(" ", args) + " did not exit within " + timeout
					+ "; its output:\n" + Files.readString(log));
		}
		return new CommandRun(process.exitValue(), Files.readString(log));
	}

	/** Waits until the producer's health says its history loader scanned the topic and has nothing left to load. */
	void awaitHistoryLoaded(ServiceProcess producer) {
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
			JsonNode history = health(producer).path("components").path("history").path("details");
			return history.path("state").asString().equals("idle") && history.has("lastScan")
					&& history.path("coinsPending").asInt(-1) == 0;
		});
	}

	private static JsonNode health(ServiceProcess service) {
		try {
			HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(service.url() + "/actuator/health"))
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.ofString());
			return JSON.readTree(answer.body());
		}
		catch (Exception ex) {
			// not up yet
			return JSON.createObjectNode();
		}
	}

	/** Waits until the consumer has committed every record of the ticks' topic, hence stored it. */
	void awaitConsumerCaughtUp() {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				this.kafka.getBrokersAsString()))) {
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("crypto-consumer")
					.partitionsToOffsetAndMetadata()
					.get();
				Set<TopicPartition> partitions = admin.describeTopics(List.of("crypto-prices"))
					.allTopicNames()
					.get()
					.get("crypto-prices")
					.partitions()
					.stream()
					.map((partition) -> new TopicPartition("crypto-prices", partition.partition()))
					.collect(Collectors.toSet());
				Map<TopicPartition, OffsetSpec> latest = partitions.stream()
					.collect(Collectors.toMap(Function.identity(), (partition) -> OffsetSpec.latest()));
				var ends = admin.listOffsets(latest).all().get();
				return partitions.stream().allMatch((partition) -> {
					OffsetAndMetadata offset = committed.get(partition);
					long end = ends.get(partition).offset();
					return (end == 0 && offset == null) || (offset != null && offset.offset() == end);
				});
			});
		}
	}

	private Map<String, String> environment(Map<String, String> settings) {
		Map<String, String> env = new HashMap<>();
		env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", this.kafka.getBrokersAsString());
		env.put("INFLUX_URL", this.influx.url());
		env.putAll(this.coinGecko.producerEnvironment());
		env.putAll(settings);
		return env;
	}

	private static Path projectRoot() {
		return Path.of(System.getProperty("cryptoviz.project-root", ".."));
	}

	@Override
	public void close() {
		this.commands.forEach(Process::destroyForcibly);
		this.services.forEach(ServiceProcess::stop);
		this.coinGecko.close();
		this.influx.stop();
		this.kafka.destroy();
	}

	/**
	 * A command that ran to its end.
	 *
	 * @param exitCode its exit status
	 * @param output what it wrote, standard error included
	 */
	record CommandRun(int exitCode, String output) {
	}

}
