package io.cryptoviz.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deletes CryptoViz points of one source (test or simulated data, a botched backfill) within a
 * time range, through InfluxDB's v1 API, after saying how many points of which coins it will
 * delete. {@code --dry-run} only says.
 *
 * <pre>
 * java -cp crypto-devstack/target/crypto-devstack-*.jar io.cryptoviz.devstack.DeleteSeries \
 *     --source=simulated --from=2025-10-01T00:00:00Z --to=2025-11-01T00:00:00Z [--dry-run] \
 *     [--crypto=bitcoin] [--url=http://localhost:8086] [--database=crypto-data]
 * </pre>
 *
 * The token, when InfluxDB needs one, is read from the environment variable {@code INFLUX_TOKEN},
 * never from the command line (where other users of the machine could read it). Every argument
 * is validated before anything is sent, and none is pasted into InfluxQL as typed: the source and
 * the coin must be known identifiers, the times are parsed instants sent as epoch milliseconds.
 * InfluxDB 2.x's v1 API counts but does not run {@code DELETE}: there the tool prints the
 * equivalent {@code influx delete} command instead.
 */
public final class DeleteSeries {

	static final String USAGE = """
			Usage: DeleteSeries --source=coingecko|simulated|backfill --from=INSTANT --to=INSTANT [--dry-run]
			                    [--crypto=COIN] [--url=http://localhost:8086] [--database=crypto-data]
			  Deletes the crypto_price points of that source (and coin) with from <= time < to.
			  INSTANT is ISO-8601 in UTC, e.g. 2025-10-31T10:30:00Z.
			  --dry-run   only report what would be deleted
			  The InfluxDB token, if one is needed, comes from the environment variable INFLUX_TOKEN.
			""";

	static final List<String> SOURCES = List.of("coingecko", "simulated", "backfill");

	private static final Pattern COIN = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

	private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	private static final Pattern COUNT = Pattern
		.compile("\"tags\":\\{\"crypto\":\"([^\"]*)\"},\"columns\":\\[\"time\",\"count\"],\"values\":\\[\\[[^,\\]]+,(\\d+)]]");

	private static final Pattern ERROR = Pattern.compile("\"error\":\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Options options;

	private final String token;

	private final PrintStream out;

	private DeleteSeries(Options options, String token, PrintStream out) {
		this.options = options;
		this.token = token;
		this.out = out;
	}

	public static void main(String[] args) {
		System.exit(run(args, System.getenv(), System.out, System.err));
	}

	/** Runs the tool; returns the exit status: 0 done, 1 InfluxDB failed or refused, 2 bad arguments. */
	static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			err.println("Error: " + ex.getMessage());
			err.println();
			err.print(USAGE);
			return 2;
		}
		String token = environment.getOrDefault("INFLUX_TOKEN", "");
		try {
			return new DeleteSeries(options, token, out).run();
		}
		catch (IllegalStateException ex) {
			err.println("Error: " + ex.getMessage());
			return 1;
		}
	}

	private int run() {
		String version = version();
		this.out.printf("InfluxDB %s (version %s), database %s%n", this.options.url(), version,
				this.options.database());
		this.out.printf("Points of crypto_price with source=%s%s, %s <= time < %s:%n", this.options.source(),
				(this.options.crypto() != null) ? " and crypto=" + this.options.crypto() : "", this.options.from(),
				this.options.to());
		Map<String, Long> counts = count();
		long total = counts.values().stream().mapToLong(Long::longValue).sum();
		counts.forEach((coin, count) -> this.out.printf("  %-20s %d%n", coin, count));
		if (total == 0) {
			this.out.println("Nothing to delete.");
			return 0;
		}
		if (this.options.dryRun()) {
			this.out.printf("Dry run: would delete %d points. Nothing was deleted.%n", total);
			return 0;
		}
		if (!version.startsWith("1.")) {
			this.out.println("InfluxDB " + version + " does not run DELETE through its v1 API. Delete with its CLI:");
			this.out.println("  " + influxDeleteCommand());
			return 1;
		}
		query(statement("DELETE FROM \"crypto_price\""));
		long left = count().values().stream().mapToLong(Long::longValue).sum();
		if (left != 0) {
			throw new IllegalStateException(left + " points are still there after DELETE");
		}
		this.out.printf("Deleted %d points.%n", total);
		return 0;
	}

	/** The 2.x CLI command that deletes the same points (time range inclusive there: stop is 1 ms earlier). */
	String influxDeleteCommand() {
		String predicate = "_measurement=\"crypto_price\" AND source=\"" + this.options.source() + "\""
				+ ((this.options.crypto() != null) ? " AND crypto=\"" + this.options.crypto() + "\"" : "");
		return "influx delete --bucket " + this.options.database() + " --start " + this.options.from() + " --stop "
				+ this.options.to().minusMillis(1) + " --predicate '" + predicate + "'";
	}

	private Map<String, Long> count() {
		String answer = query(statement("SELECT count(\"price_usd\") FROM \"crypto_price\"") + " GROUP BY \"crypto\"");
		Map<String, Long> counts = new LinkedHashMap<>();
		Matcher matcher = COUNT.matcher(answer);
		while (matcher.find()) {
			counts.put(matcher.group(1), Long.parseLong(matcher.group(2)));
		}
		return counts;
	}

	// only validated values reach the statement: known identifiers, and epoch milliseconds
	private String statement(String head) {
		return head + " WHERE \"source\" = '" + this.options.source() + "'"
				+ ((this.options.crypto() != null) ? " AND \"crypto\" = '" + this.options.crypto() + "'" : "")
				+ " AND time >= " + this.options.from().toEpochMilli() + "ms AND time < "
				+ this.options.to().toEpochMilli() + "ms";
	}

	private String version() {
		HttpResponse<String> ping = send(HttpRequest.newBuilder(URI.create(this.options.url() + "/ping")).GET());
		if (ping.statusCode() != 204 && ping.statusCode() != 200) {
			throw new IllegalStateException("InfluxDB at " + this.options.url() + " answered /ping with HTTP "
					+ ping.statusCode());
		}
		String version = ping.headers().firstValue("X-Influxdb-Version").orElse("unknown");
		return version.startsWith("v") ? version.substring(1) : version;
	}

	private String query(String influxQl) {
		String form = "db=" + URLEncoder.encode(this.options.database(), StandardCharsets.UTF_8) + "&epoch=ms&q="
				+ URLEncoder.encode(influxQl, StandardCharsets.UTF_8);
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.options.url() + "/query"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
		Matcher error = ERROR.matcher(response.body());
		if (response.statusCode() / 100 != 2 || error.find()) {
			String reason = error.find(0) ? error.group(1) : response.body().strip();
			String hint = (response.statusCode() == 401 || response.statusCode() == 403)
					? " (set INFLUX_TOKEN to a token that may read and write the database)" : "";
			throw new IllegalStateException("InfluxDB answered HTTP " + response.statusCode() + ": " + reason + hint);
		}
		return response.body();
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		if (!this.token.isBlank()) {
			request.header("Authorization", "Token " + this.token);
		}
		try {
			return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			String reason = (ex instanceof java.net.ConnectException) ? "connection refused"
					: (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
			throw new IllegalStateException("Cannot reach InfluxDB at " + this.options.url() + ": " + reason);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted");
		}
	}

	record Options(String source, String crypto, Instant from, Instant to, boolean dryRun, String url,
			String database) {

		static Options parse(String[] args) {
			Map<String, String> values = new LinkedHashMap<>();
			boolean dryRun = false;
			for (String arg : args) {
				if (arg.equals("--dry-run")) {
					dryRun = true;
					continue;
				}
				int equals = arg.indexOf('=');
				String name = (arg.startsWith("--") && equals > 2) ? arg.substring(2, equals) : null;
				if (name == null || !List.of("source", "crypto", "from", "to", "url", "database").contains(name)) {
					throw new IllegalArgumentException("unknown argument '" + shorten(arg) + "'");
				}
				if (values.put(name, arg.substring(equals + 1)) != null) {
					throw new IllegalArgumentException("--" + name + " given twice");
				}
			}
			String source = required(values, "source");
			if (!SOURCES.contains(source)) {
				throw new IllegalArgumentException(
						"--source must be one of " + String.join(", ", SOURCES) + ", was '" + shorten(source) + "'");
			}
			String crypto = values.get("crypto");
			if (crypto != null && !COIN.matcher(crypto).matches()) {
				throw new IllegalArgumentException(
						"--crypto must be a CoinGecko id (lower-case letters, digits, '-'), was '" + shorten(crypto) + "'");
			}
			Instant from = instant(values, "from");
			Instant to = instant(values, "to");
			if (!from.isBefore(to)) {
				throw new IllegalArgumentException("--from must be before --to");
			}
			String url = values.getOrDefault("url", "http://localhost:8086");
			if (!url.matches("https?://[A-Za-z0-9.\\[\\]:-]+(:\\d+)?/?")) {
				throw new IllegalArgumentException("--url must be http(s)://host:port, was '" + shorten(url) + "'");
			}
			String database = values.getOrDefault("database", "crypto-data");
			if (!DATABASE.matcher(database).matches()) {
				throw new IllegalArgumentException(
						"--database may hold letters, digits, '_', '.', '-', was '" + shorten(database) + "'");
			}
			return new Options(source, crypto, from, to, dryRun, url.replaceAll("/$", ""), database);
		}

		private static String required(Map<String, String> values, String name) {
			String value = values.get(name);
			if (value == null || value.isEmpty()) {
				throw new IllegalArgumentException("--" + name + " is required");
			}
			return value;
		}

		private static Instant instant(Map<String, String> values, String name) {
			String value = required(values, name);
			try {
				return Instant.parse(value);
			}
			catch (DateTimeParseException ex) {
				throw new IllegalArgumentException("--" + name + " must be an ISO-8601 instant such as "
						+ "2025-10-31T10:30:00Z, was '" + shorten(value) + "'");
			}
		}

		private static String shorten(String value) {
			return (value.length() <= 60) ? value : value.substring(0, 60) + "…";
		}

	}

}
