package io.cryptoviz.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.cryptoviz.devstack.InfluxDbServer;
import io.cryptoviz.devstack.KafkaBroker;
import io.cryptoviz.devstack.Ports;
import io.cryptoviz.devstack.ServiceProcess;
import io.cryptoviz.testsupport.PrometheusScrape;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The servers a benchmark runs against, on this machine: InfluxDB from {@code influxd}, a Kafka
 * broker (Apache Kafka's server in a child JVM), and the services from their executable jars.
 */
final class BenchEnvironment implements AutoCloseable {

	static final String TOPIC = "crypto-prices";

	final InfluxDbServer influx;

	final KafkaBroker kafka;

	private final Path directory;

	private final Path projectRoot;

	private final List<ServiceProcess> services = new java.util.ArrayList<>();

	BenchEnvironment(Path directory, Path projectRoot) throws Exception {
		this(directory, projectRoot, directory.resolve("influxdb"));
	}

	/**
	 * The servers, InfluxDB with its data in {@code influxDirectory}, which outlives them: the
	 * {@code influxdb} folder of a {@link HistoryBenchmark} dataset, for instance.
	 */
	BenchEnvironment(Path directory, Path projectRoot, Path influxDirectory) throws Exception {
		this.directory = directory;
		this.projectRoot = projectRoot;
		Files.createDirectories(directory);
		this.influx = new InfluxDbServer(influxDirectory, Ports.free()).start();
		this.kafka = new KafkaBroker(directory.resolve("kafka"), Ports.free(), Ports.free()).start();
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.kafka.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1), new NewTopic(TOPIC + "-dlt", 3, (short) 1)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
	}

	/** A service with the JVM's defaults, from its executable jar (the settings these benchmarks were measured with). */
	ServiceProcess start(String service, Map<String, String> settings) {
		return start(new ServiceProcess(service, ServiceProcess.executableJar(this.projectRoot, service), Ports.free(),
				environment(service, settings), logFile(service), List.of()));
	}

	/** A service as it is deployed: its own JVM options, its extracted jar and CDS archive when built. */
	ServiceProcess startAsDeployed(String service, Map<String, String> settings) {
		return start(new ServiceProcess(service, ServiceProcess.executableJar(this.projectRoot, service), Ports.free(),
				environment(service, settings), logFile(service)));
	}

	private ServiceProcess start(ServiceProcess process) {
		this.services.add(process);
		return process.start();
	}

	/**
	 * With {@code -Dcryptoviz.bench.jfr=DIR}, each service records a flight recording (the {@code profile}
	 * settings) to {@code DIR/<service>-<n>.jfr}, for {@code jfr print} or {@code jfr summary}.
	 */
	private Map<String, String> environment(String service, Map<String, String> settings) {
		Map<String, String> env = new HashMap<>(settings);
		env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", this.kafka.bootstrapServers());
		env.put("INFLUX_URL", this.influx.url());
		String recordings = System.getProperty("cryptoviz.bench.jfr");
		if (recordings != null && !recordings.isBlank()) {
			Path recording = Path.of(recordings).toAbsolutePath().resolve(service + "-" + this.services.size() + ".jfr");
			// read by the java launcher of that service alone, whichever way it is started
			env.put("JDK_JAVA_OPTIONS", "-XX:StartFlightRecording=settings=profile,filename=" + recording);
		}
		return env;
	}

	private Path logFile(String service) {
		return this.directory.resolve("logs").resolve(service + "-" + this.services.size() + ".log");
	}

	/** The sum of a Prometheus sample over its label sets, from a service's /actuator/prometheus. */
	double metric(ServiceProcess service, String name) {
		return PrometheusScrape.of(service.url()).total(name);
	}

	/** CPU time a process has used so far (user and system), in seconds, from /proc. */
	static double cpuSeconds(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// fields from the state on: utime and stime are the 12th and 13th, in clock ticks (100 Hz)
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
		}
		catch (IOException ex) {
			return Double.NaN;
		}
	}

	/** CPU seconds of each kind of thread of a process (JIT and GC threads included), from /proc. */
	static Map<String, Double> threadCpu(long pid) {
		Map<String, Double> byName = new java.util.TreeMap<>();
		try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
			for (Path task : tasks.toList()) {
				String stat = Files.readString(task.resolve("stat"));
				String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				byName.merge(name, (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0, Double::sum);
			}
		}
		catch (IOException ex) {
			// a thread ended while being read: its time is simply left out
		}
		return byName;
	}

	/** Prints how much CPU each kind of thread used between two readings, the busiest first. */
	static void printThreadCpu(Map<String, Double> before, Map<String, Double> after, long points) {
		after.entrySet()
			.stream()
			.map((entry) -> Map.entry(entry.getKey(), entry.getValue() - before.getOrDefault(entry.getKey(), 0.0)))
			.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
			.limit(8)
			.forEach((entry) -> System.out.printf("  %-20s %5.2f s  %5.2f µs/point%n", entry.getKey(), entry.getValue(),
					1e6 * entry.getValue() / points));
	}

	/** Waits; the benchmarks pace themselves and their readers with it. */
	static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Resident memory of a process in MiB, from /proc. */
	static double residentMiB(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
				}
			}
		}
		catch (IOException ex) {
			// the process is gone
		}
		return Double.NaN;
	}

	Properties producerProperties() {
		Properties properties = new Properties();
		properties.put("bootstrap.servers", this.kafka.bootstrapServers());
		properties.put("acks", "all");
		properties.put("linger.ms", "20");
		properties.put("batch.size", String.valueOf(256 * 1024));
		// the topics were just created: see KafkaTestClients.publish for why one request in flight
		properties.put("max.in.flight.requests.per.connection", "1");
		return properties;
	}

	/**
	 * Stops the servers and the services, and deletes the directory: a run's InfluxDB and Kafka data
	 * are hundreds of MiB. With {@code -Dcryptoviz.bench.keep=true} it stays, with the services' logs.
	 */
	@Override
	public void close() {
		this.services.forEach(ServiceProcess::stop);
		this.kafka.stop();
		this.influx.stop();
		if (Boolean.getBoolean("cryptoviz.bench.keep")) {
			System.out.println("kept: " + this.directory);
			return;
		}
		try (var paths = Files.walk(this.directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			System.out.println("could not delete " + this.directory + ": " + ex);
		}
	}

}
