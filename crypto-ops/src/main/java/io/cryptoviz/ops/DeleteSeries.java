package io.cryptoviz.ops;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.cryptoviz.influx.CryptoPriceSchema;
import io.cryptoviz.influx.InfluxGateway;
import io.cryptoviz.influx.InfluxProperties;
import io.cryptoviz.influx.InfluxQl;
import io.cryptoviz.influx.InfluxUnavailableException;
import io.cryptoviz.influx.Row;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickSource;
import org.jspecify.annotations.Nullable;

/**
 * Deletes CryptoViz points of one source (test or simulated data, a botched backfill) within a
 * time range, after saying how many points of which coins it will delete. {@code --dry-run} only
 * says.
 *
 * <pre>
 * java -jar crypto-ops/target/crypto-ops-*.jar delete-series \
 *     --source=simulated --from=2025-10-01T00:00:00Z --to=2025-11-01T00:00:00Z [--dry-run] \
 *     [--crypto=bitcoin] [--url=http://localhost:8086] [--database=crypto-data]
 * </pre>
 *
 * Every argument is validated before anything is sent, and none is pasted into InfluxQL as typed:
 * the source and the coin must be known identifiers, the times are parsed instants sent as epoch
 * milliseconds. InfluxDB 2.x's v1 API counts but does not run {@code DELETE}: there the command
 * prints the equivalent {@code influx delete} command instead.
 */
final class DeleteSeries {

	static final String USAGE = """
			Usage: delete-series --source=coingecko|simulated|backfill --from=INSTANT --to=INSTANT [--dry-run]
			                     [--crypto=COIN] [--url=http://localhost:8086] [--database=crypto-data]
			  Deletes the crypto_price points of that source (and coin) with from <= time < to.
			  INSTANT is ISO-8601 in UTC, e.g. 2025-10-31T10:30:00Z.
			  --dry-run   only report what would be deleted
			  The InfluxDB token, if one is needed, comes from the environment variable INFLUX_TOKEN.
			""";

	private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	private final Options options;

	private final InfluxGateway influx;

	private final PrintStream out;

	private DeleteSeries(Options options, InfluxGateway influx, PrintStream out) {
		this.options = options;
		this.influx = influx;
		this.out = out;
	}

	/** Runs the command; returns the exit status: 0 done, 1 InfluxDB failed or refused, 2 bad arguments. */
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
		// statements that rewrite shards take longer than the services' queries
		InfluxProperties settings = InfluxProperties
			.of(options.url(), environment.get("INFLUX_TOKEN"), options.database())
			.withReadTimeout(Duration.ofSeconds(60));
		try (InfluxGateway influx = InfluxGateway.connect(settings)) {
			return new DeleteSeries(options, influx, out).run();
		}
		catch (InfluxUnavailableException | IllegalStateException ex) {
			err.println("Error: " + ex.getMessage());
			return 1;
		}
	}

	private int run() {
		String version = this.influx.version();
		this.out.printf("InfluxDB %s (version %s), database %s%n", this.options.url(), version,
				this.options.database());
		this.out.printf("Points of crypto_price with source=%s%s, %s <= time < %s:%n", this.options.source().id(),
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
		this.influx.query("DELETE FROM " + CryptoPriceSchema.MEASUREMENT + where());
		long left = count().values().stream().mapToLong(Long::longValue).sum();
		if (left != 0) {
			throw new IllegalStateException(left + " points are still there after DELETE");
		}
		this.out.printf("Deleted %d points.%n", total);
		return 0;
	}

	/** The 2.x CLI command that deletes the same points (time range inclusive there: stop is 1 ms earlier). */
	private String influxDeleteCommand() {
		String predicate = "_measurement=\"" + CryptoPriceSchema.MEASUREMENT + "\" AND source=\""
				+ this.options.source().id() + "\""
				+ ((this.options.crypto() != null) ? " AND crypto=\"" + this.options.crypto() + "\"" : "");
		return "influx delete --bucket " + this.options.database() + " --start " + this.options.from() + " --stop "
				+ this.options.to().minusMillis(1) + " --predicate '" + predicate + "'";
	}

	private Map<String, Long> count() {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (Row row : this.influx.query("SELECT count(" + CryptoPriceSchema.FIELD_PRICE_USD + ") FROM "
				+ CryptoPriceSchema.MEASUREMENT + where() + " GROUP BY " + CryptoPriceSchema.TAG_CRYPTO)) {
			Double count = row.number("count");
			counts.put(row.string(CryptoPriceSchema.TAG_CRYPTO), (count != null) ? count.longValue() : 0);
		}
		return counts;
	}

	// only validated values reach the statement: a known source, a coin id, epoch milliseconds
	private String where() {
		return " WHERE " + InfluxQl.sourceIs(this.options.source())
				+ ((this.options.crypto() != null) ? " AND " + InfluxQl.coinIs(this.options.crypto()) : "") + " AND "
				+ InfluxQl.timeBetween(this.options.from(), this.options.to());
	}

	record Options(TickSource source, @Nullable String crypto, Instant from, Instant to, boolean dryRun, String url,
			String database) {

		private static final List<String> NAMES = List.of("source", "crypto", "from", "to", "url", "database");

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
				if (name == null || !NAMES.contains(name)) {
					throw new IllegalArgumentException("unknown argument '" + shorten(arg) + "'");
				}
				if (values.put(name, arg.substring(equals + 1)) != null) {
					throw new IllegalArgumentException("--" + name + " given twice");
				}
			}
			TickSource source = source(required(values, "source"));
			String crypto = values.get("crypto");
			if (crypto != null && !PriceTick.isCoinId(crypto)) {
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

		private static TickSource source(String id) {
			return Arrays.stream(TickSource.values())
				.filter((source) -> source.id().equals(id))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("--source must be one of "
						+ String.join(", ", Arrays.stream(TickSource.values()).map(TickSource::id).toList())
						+ ", was '" + shorten(id) + "'"));
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
