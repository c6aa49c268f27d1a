package io.cryptoviz.devstack;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.cryptoviz.influx.InfluxUnavailableException;
import io.cryptoviz.influx.Row;

/**
 * Runs the whole pipeline on this machine without Docker: InfluxDB, a Kafka broker and the three
 * services, with their data and logs under one folder. Ctrl-C stops everything.
 *
 * <pre>
 * java -jar crypto-devstack/target/crypto-devstack-*.jar [--simulated] [--data-dir=.cryptoviz]
 * </pre>
 */
public final class DevStack {

	static final String DATABASE = InfluxDbServer.DATABASE;

	private final Options options;

	private final List<AutoCloseable> started = new ArrayList<>();

	private DevStack(Options options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		quietLibraries();
		Options options = Options.parse(args);
		if (options == null) {
			System.out.println(Options.USAGE);
			return;
		}
		DevStack stack = new DevStack(options);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stack.stop();
			stopped.countDown();
		}, "devstack-shutdown"));
		try {
			stack.start();
		}
		catch (RuntimeException ex) {
			System.err.println("\nCould not start the stack: " + ex.getMessage());
			System.exit(1);
		}
		stack.reportUntilStopped(stopped);
	}

	private void start() {
		Path data = this.options.dataDir().toAbsolutePath();
		say("Data and logs under " + data);
		requireFree(8086, "InfluxDB");
		requireFree(9092, "Kafka");
		requireFree(9093, "Kafka's controller");
		for (int port : List.of(8080, 8081, 8082)) {
			requireFree(port, "a CryptoViz service");
		}

		say("Starting InfluxDB (influxd) on :8086 …");
		InfluxDbServer influx = new InfluxDbServer(data.resolve("influxdb"), 8086);
		this.started.add(influx);
		influx.start();
		influx.createDatabases();

		say("Starting Kafka (KRaft, single node) on :9092 …");
		KafkaBroker kafka = new KafkaBroker(data.resolve("kafka"), 9092, 9093);
		this.started.add(kafka);
		kafka.start();

		Map<String, String> env = new HashMap<>();
		env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
		env.put("INFLUX_URL", influx.url());
		if (this.options.simulated()) {
			env.put("CRYPTOVIZ_PRODUCER_SOURCE", "simulated");
		}
		Path root = this.options.projectRoot();
		startService("crypto-consumer", root, 8082, env, data);
		startService("crypto-api", root, 8080, env, data);
		startService("crypto-producer", root, 8081, env, data);

		say("""

				CryptoViz is running%s. Ctrl-C stops everything.
				  Web page and REST API   http://localhost:8080/            (OpenAPI: /swagger-ui.html)
				  Producer                http://localhost:8081/actuator/health
				  Consumer                http://localhost:8082/actuator/health
				  InfluxDB (v1 API)       http://localhost:8086             database %s
				  Kafka                   localhost:9092                    topic crypto-prices
				  Logs                    %s
				""".formatted(this.options.simulated() ? " with SIMULATED prices" : " with CoinGecko prices",
				DATABASE, data.resolve("logs")));
	}

	private void startService(String name, Path root, int port, Map<String, String> env, Path data) {
		say("Starting " + name + " on :" + port + " …");
		ServiceProcess service = new ServiceProcess(name, ServiceProcess.executableJar(root, name), port, env,
				data.resolve("logs").resolve(name + ".log"));
		this.started.add(service);
		try {
			service.start();
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(ex.getMessage() + "\n(full log: " + service.logFile() + ")", ex);
		}
	}

	/** Every 15 s, one line saying how many points InfluxDB holds, so a user sees ticks arrive. */
	private void reportUntilStopped(CountDownLatch stopped) throws InterruptedException {
		InfluxDbServer influx = (InfluxDbServer) this.started.get(0);
		while (!stopped.await(15, java.util.concurrent.TimeUnit.SECONDS)) {
			try {
				List<Row> count = influx.gateway()
					.query("SELECT count(price_usd) FROM crypto_price WHERE time > now() - 1h");
				say("InfluxDB holds " + (count.isEmpty() ? "0" : count.get(0).string("count"))
						+ " crypto_price points from the last hour");
			}
			catch (InfluxUnavailableException ex) {
				say("InfluxDB did not answer: " + ex.getMessage());
			}
		}
	}

	private void stop() {
		say("Stopping …");
		List<AutoCloseable> reversed = new ArrayList<>(this.started);
		java.util.Collections.reverse(reversed);
		for (AutoCloseable server : reversed) {
			try {
				server.close();
			}
			catch (Exception ex) {
				System.err.println("  could not stop " + server + ": " + ex.getMessage());
			}
		}
		say("Stopped.");
	}

	private static void requireFree(int port, String what) {
		if (Ports.isListening(port)) {
			throw new IllegalStateException("port " + port + " (" + what + ") is already in use; stop what uses it");
		}
	}

	// the stack speaks for itself; Kafka's client chatter stays out of the console
	private static void quietLibraries() {
		org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		if (root instanceof ch.qos.logback.classic.Logger logback) {
			logback.setLevel(ch.qos.logback.classic.Level.WARN);
		}
	}

	private static void say(String line) {
		System.out.println("[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + line);
	}

	record Options(boolean simulated, Path dataDir, Path projectRoot) {

		static final String USAGE = """
				Usage: java -jar crypto-devstack.jar [--simulated] [--data-dir=DIR] [--project-root=DIR]
				  --simulated        prices from the simulated random walk instead of CoinGecko
				  --data-dir=DIR     where InfluxDB and Kafka keep their data and the logs go (default .cryptoviz)
				  --project-root=DIR the CryptoViz checkout with the built jars (default: current folder)
				""";

		static Options parse(String[] args) {
			boolean simulated = false;
			Path dataDir = Path.of(".cryptoviz");
			Path root = Path.of("");
			for (String arg : args) {
				if (arg.equals("--simulated")) {
					simulated = true;
				}
				else if (arg.startsWith("--data-dir=")) {
					dataDir = Path.of(arg.substring("--data-dir=".length()));
				}
				else if (arg.startsWith("--project-root=")) {
					root = Path.of(arg.substring("--project-root=".length()));
				}
				else {
					return null;
				}
			}
			return new Options(simulated, dataDir, root.toAbsolutePath());
		}

	}


}
