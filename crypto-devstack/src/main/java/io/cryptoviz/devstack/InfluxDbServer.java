package io.cryptoviz.devstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.cryptoviz.influx.InfluxGateway;
import io.cryptoviz.influx.InfluxProperties;
import io.cryptoviz.influx.InfluxTarget;
import io.cryptoviz.influx.InfluxUnavailableException;

/**
 * An InfluxDB server run from {@code influxd} on PATH (Debian's {@code influxdb} package, 1.x),
 * with its data, configuration and log in a folder of ours, on a port of ours. It serves the
 * v1 HTTP API ({@code /write}, {@code /query}, {@code /ping}) that CryptoViz speaks, and
 * {@link #gateway()} speaks it. Stopping and starting it again keeps its data, which is how tests
 * simulate an outage.
 */
public final class InfluxDbServer extends LocalServer {

	/** Environment variable that names the {@code influxd} binary when it is not on PATH. */
	public static final String INFLUXD_ENV = "CRYPTOVIZ_INFLUXD";

	/** The database the services use by default, and the gateway's. */
	public static final String DATABASE = "crypto-data";

	/** The database the consumer writes its candle rollups to by default. */
	public static final String ROLLUPS_DATABASE = "crypto-rollups";

	private final Path directory;

	private final int httpPort;

	private final boolean authentication;

	private final InfluxGateway gateway;

	public InfluxDbServer(Path directory, int httpPort) {
		this(directory, httpPort, false);
	}

	private InfluxDbServer(Path directory, int httpPort, boolean authentication) {
		super(new ManagedProcess("influxd",
				List.of(influxd().toString(), "-config", directory.toAbsolutePath().resolve("influxdb.conf").toString()),
				Map.of(), directory.toAbsolutePath().resolve("influxd.log")), Duration.ofSeconds(15));
		this.directory = directory.toAbsolutePath();
		this.httpPort = httpPort;
		this.authentication = authentication;
		// statements that rewrite much (DELETE, DROP) take longer than a query
		this.gateway = InfluxGateway
			.connect(InfluxProperties.of(url(), null, DATABASE).withReadTimeout(Duration.ofSeconds(60)));
	}

	/** A server on a free port in a new temporary folder. */
	public static InfluxDbServer temporary() {
		return new InfluxDbServer(temporaryDirectory(), Ports.free(), false);
	}

	/**
	 * A server on a free port in a new temporary folder that refuses every request without valid
	 * credentials (an administrator exists, whose password nobody knows); it has no database.
	 */
	public static InfluxDbServer temporaryWithAuthentication() {
		return new InfluxDbServer(temporaryDirectory(), Ports.free(), true);
	}

	/** Whether {@code influxd} can be found, so callers can say what to install. */
	public static boolean isInstalled() {
		return findInfluxd().isPresent();
	}

	public InfluxDbServer start() {
		writeConfig();
		startProcess(this::answersPing, Duration.ofSeconds(60));
		if (this.authentication) {
			// InfluxDB 1.x takes this one statement without credentials, while it has no administrator
			this.gateway.query("CREATE USER admin WITH PASSWORD '" + UUID.randomUUID() + "' WITH ALL PRIVILEGES");
		}
		return this;
	}

	public String url() {
		return "http://127.0.0.1:" + this.httpPort;
	}

	public int port() {
		return this.httpPort;
	}

	public Path directory() {
		return this.directory;
	}

	/** The gateway to this server, without credentials, database {@value #DATABASE} by default. */
	public InfluxGateway gateway() {
		return this.gateway;
	}

	/** Creates the databases the services use by default: the raw ticks' and the rollups'. */
	public void createDatabases() {
		createDatabase(DATABASE);
		createDatabase(ROLLUPS_DATABASE);
	}

	/** Creates a database (idempotent on 1.x). */
	public void createDatabase(String name) {
		this.gateway.query(InfluxTarget.database(name), "CREATE DATABASE \"" + name + "\"");
	}

	@Override
	public void close() {
		super.close();
		this.gateway.close();
	}

	private boolean answersPing() {
		try {
			this.gateway.version();
			return true;
		}
		catch (InfluxUnavailableException ex) {
			return false;
		}
	}

	private void writeConfig() {
		String dir = this.directory.toString();
		String config = """
				reporting-disabled = true
				bind-address = "127.0.0.1:%d"
				[meta]
				  dir = "%s/meta"
				[data]
				  dir = "%s/data"
				  wal-dir = "%s/wal"
				  query-log-enabled = false
				[http]
				  bind-address = "127.0.0.1:%d"
				  auth-enabled = %s
				  log-enabled = false
				[logging]
				  level = "warn"
				[monitor]
				  store-enabled = false
				[subscriber]
				  enabled = false
				[continuous_queries]
				  enabled = false
				""".formatted(Ports.free(), dir, dir, dir, this.httpPort, this.authentication);
		try {
			Files.createDirectories(this.directory);
			Files.writeString(this.directory.resolve("influxdb.conf"), config);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("cryptoviz-influxdb");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path influxd() {
		return findInfluxd().orElseThrow(() -> new IllegalStateException(
				"influxd not found on PATH: install Debian's influxdb package (apt-get install -y influxdb) "
						+ "or set " + INFLUXD_ENV + " to the binary"));
	}

	private static Optional<Path> findInfluxd() {
		String configured = System.getenv(INFLUXD_ENV);
		if (configured != null && !configured.isBlank()) {
			return Optional.of(Path.of(configured)).filter(Files::isExecutable);
		}
		String path = Optional.ofNullable(System.getenv("PATH")).orElse("") + File.pathSeparator + "/usr/bin"
				+ File.pathSeparator + "/usr/local/bin";
		for (String dir : path.split(File.pathSeparator)) {
			Path candidate = Path.of(dir, "influxd");
			if (!dir.isEmpty() && Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

}
