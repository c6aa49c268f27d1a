package io.cryptoviz.devstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * An InfluxDB server run from {@code influxd} on PATH (Debian's {@code influxdb} package, 1.x),
 * with its data, configuration and log in a folder of ours, on a port of ours. It serves the
 * v1 HTTP API ({@code /write}, {@code /query}, {@code /ping}) that CryptoViz speaks.
 * Stopping and starting it again keeps its data, which is how tests simulate an outage.
 */
public final class InfluxDbServer implements AutoCloseable {

	/** Environment variable that names the {@code influxd} binary when it is not on PATH. */
	public static final String INFLUXD_ENV = "CRYPTOVIZ_INFLUXD";

	private final Path directory;

	private final int httpPort;

	private final ManagedProcess process;

	public InfluxDbServer(Path directory, int httpPort) {
		this.directory = directory.toAbsolutePath();
		this.httpPort = httpPort;
		Path config = this.directory.resolve("influxdb.conf");
		this.process = new ManagedProcess("influxd", List.of(influxd().toString(), "-config", config.toString()),
				Map.of(), this.directory.resolve("influxd.log"));
	}

	/** A server on a free port in a new temporary folder. */
	public static InfluxDbServer temporary() {
		try {
			return new InfluxDbServer(Files.createTempDirectory("cryptoviz-influxdb"), Ports.free());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Whether {@code influxd} can be found, so callers can say what to install. */
	public static boolean isInstalled() {
		return findInfluxd().isPresent();
	}

	public InfluxDbServer start() {
		writeConfig();
		this.process.start(() -> Http.status(url() + "/ping") == 204, Duration.ofSeconds(60));
		return this;
	}

	public void stop() {
		this.process.stop(Duration.ofSeconds(15));
	}

	public boolean isRunning() {
		return this.process.isRunning();
	}

	public String url() {
		return "http://127.0.0.1:" + this.httpPort;
	}

	/** The process id of {@code influxd}, while it runs. */
	public @Nullable Long pid() {
		return this.process.pid();
	}

	public int port() {
		return this.httpPort;
	}

	public Path directory() {
		return this.directory;
	}

	/** Creates a database (idempotent on 1.x). */
	public void createDatabase(String name) {
		query("CREATE DATABASE \"" + name + "\"", null);
	}

	/** Runs an InfluxQL statement through {@code /query} and returns the JSON answer. */
	public String query(String influxQl, @Nullable String database) {
		String form = "q=" + URLEncoder.encode(influxQl, StandardCharsets.UTF_8)
				+ ((database != null) ? "&db=" + URLEncoder.encode(database, StandardCharsets.UTF_8) : "")
				+ "&epoch=ms";
		Http.Response response = Http.post(url() + "/query", form);
		if (!response.isSuccess() || response.body().contains("\"error\"")) {
			throw new IllegalStateException("InfluxDB query failed (" + response.statusCode() + "): "
					+ response.body());
		}
		return response.body();
	}

	/** Writes line protocol with millisecond timestamps through {@code /write}. */
	public void write(String database, String lines) {
		Http.Response response = Http.post(url() + "/write?precision=ms&db=" + URLEncoder.encode(database,
				StandardCharsets.UTF_8), lines);
		if (!response.isSuccess()) {
			throw new IllegalStateException("InfluxDB write failed (" + response.statusCode() + "): "
					+ response.body());
		}
	}

	@Override
	public void close() {
		stop();
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
				  log-enabled = false
				[logging]
				  level = "warn"
				[monitor]
				  store-enabled = false
				[subscriber]
				  enabled = false
				[continuous_queries]
				  enabled = false
				""".formatted(Ports.free(), dir, dir, dir, this.httpPort);
		try {
			Files.createDirectories(this.directory);
			Files.writeString(this.directory.resolve("influxdb.conf"), config);
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
