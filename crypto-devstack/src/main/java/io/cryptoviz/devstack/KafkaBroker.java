package io.cryptoviz.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Apache Kafka broker in KRaft mode (broker and controller in one process), run in
 * a child JVM from Apache Kafka's own server classes, the code of the Kafka distribution. Its
 * storage is formatted on first start and kept across restarts.
 */
public final class KafkaBroker extends LocalServer {

	private final Path directory;

	private final int port;

	private final int controllerPort;

	/**
	 * A broker that listens for clients on {@code port} and for its controller on
	 * {@code controllerPort}; keep both the same across restarts of one folder, the controller's
	 * address is part of the formatted metadata.
	 */
	public KafkaBroker(Path directory, int port, int controllerPort) {
		super(new ManagedProcess("kafka", javaCommand(directory.toAbsolutePath(), "kafka.Kafka",
				config(directory.toAbsolutePath()).toString()), Map.of(), directory.toAbsolutePath().resolve("kafka.log")),
				Duration.ofSeconds(30));
		this.directory = directory.toAbsolutePath();
		this.port = port;
		this.controllerPort = controllerPort;
	}

	/** A broker on a free port in a new temporary folder. */
	public static KafkaBroker temporary() {
		try {
			return new KafkaBroker(Files.createTempDirectory("cryptoviz-kafka"), Ports.free(), Ports.free());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public KafkaBroker start() {
		writeConfig();
		formatStorageOnFirstStart();
		startProcess(this::answersMetadata, Duration.ofSeconds(90));
		return this;
	}

	public String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	private boolean answersMetadata() {
		if (!Ports.isListening(this.port)) {
			return false;
		}
		Properties properties = new Properties();
		properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
		properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
		properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
		try (Admin admin = Admin.create(properties)) {
			return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
		}
		catch (Exception ex) {
			return false;
		}
	}

	private void formatStorageOnFirstStart() {
		if (Files.exists(this.directory.resolve("data/meta.properties"))) {
			return;
		}
		List<String> format = javaCommand(this.directory, "kafka.tools.StorageTool", "format", "--standalone",
				"--ignore-formatted", "-t", Uuid.randomUuid().toString(), "-c", config(this.directory).toString());
		ManagedProcess formatter = new ManagedProcess("kafka-storage format", format, Map.of(),
				this.directory.resolve("format.log"));
		formatter.start(() -> Files.exists(this.directory.resolve("data/meta.properties")), Duration.ofSeconds(60));
		formatter.stop(Duration.ofSeconds(30));
	}

	private static List<String> javaCommand(Path directory, String mainClass, String... args) {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xms128m", "-Xmx768m", "-XX:+UseSerialGC", "-Dlogback.configurationFile="
						+ directory.resolve("logback.xml"),
				"-cp", System.getProperty("java.class.path"), mainClass));
		command.addAll(List.of(args));
		return command;
	}

	private static Path config(Path directory) {
		return directory.resolve("server.properties");
	}

	private void writeConfig() {
		String properties = """
				process.roles=broker,controller
				node.id=1
				controller.quorum.bootstrap.servers=127.0.0.1:%2$d
				listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
				advertised.listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
				controller.listener.names=CONTROLLER
				inter.broker.listener.name=PLAINTEXT
				listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
				log.dirs=%3$s/data
				num.partitions=3
				offsets.topic.replication.factor=1
				transaction.state.log.replication.factor=1
				transaction.state.log.min.isr=1
				share.coordinator.state.topic.replication.factor=1
				share.coordinator.state.topic.min.isr=1
				group.initial.rebalance.delay.ms=0
				""".formatted(this.port, this.controllerPort, this.directory);
		String logback = """
				<configuration>
				  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
				    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
				  </appender>
				  <root level="WARN"><appender-ref ref="OUT"/></root>
				  <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
				</configuration>
				""";
		try {
			Files.createDirectories(this.directory);
			Files.writeString(config(this.directory), properties);
			Files.writeString(this.directory.resolve("logback.xml"), logback);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
