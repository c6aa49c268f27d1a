package io.cryptoviz.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cryptoviz.devstack.InfluxDbServer;
import io.cryptoviz.devstack.Ports;
import io.cryptoviz.devstack.ServiceProcess;
import io.cryptoviz.influx.CryptoPriceSchema;
import io.cryptoviz.influx.InfluxAnswer;
import io.cryptoviz.influx.InfluxQl;
import io.cryptoviz.influx.InfluxTarget;
import io.cryptoviz.influx.InfluxUnavailableException;
import io.cryptoviz.influx.Row;
import io.cryptoviz.influx.WriteListener;
import io.cryptoviz.influx.WriteResult;
import io.cryptoviz.rollup.CandleSchema;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickSource;

/**
 * History at scale: an InfluxDB holding a year of one-minute ticks for 20 coins (about 10.5
 * million raw points in {@value InfluxDbServer#DATABASE}), written directly, then given its candles
 * by the consumer's own {@code --rebuild-rollups} command (into
 * {@value InfluxDbServer#ROLLUPS_DATABASE}); then the server time of one year of daily candles of
 * one coin, read from the rollups and aggregated from the raw ticks, in one run.
 * <p>
 * The data stays in {@code --data-dir} (an InfluxDB data folder and {@code dataset.properties},
 * which records the period): a second run, or another benchmark, reuses it without loading it
 * again. {@link #open} is how another benchmark starts InfluxDB on it.
 */
final class HistoryBenchmark {

	/** Coin ids the page and the API know, so the dataset reads like a real one. */
	static final List<String> COINS = List.of("bitcoin", "ethereum", "tether", "binancecoin", "solana", "ripple",
			"usd-coin", "cardano", "dogecoin", "tron", "avalanche-2", "polkadot", "chainlink", "litecoin",
			"bitcoin-cash", "stellar", "uniswap", "monero", "ethereum-classic", "cosmos");

	static final String MARKER = "dataset.properties";

	private static final int BATCH = 5_000;

	private static final Pattern TOTAL_TIME = Pattern.compile("total_time: ([0-9.]+)(ns|µs|us|ms|s)");

	private static final Pattern REBUILD_DONE = Pattern.compile("Rollup rebuild done: .* candles in ([0-9.]+) s");

	private HistoryBenchmark() {
	}

	/**
	 * The dataset in the folder: InfluxDB started on it, and the period it holds, loaded and
	 * rebuilt first when the folder does not hold it yet (or holds another size).
	 */
	static Dataset open(Path dataDir, Path projectRoot, int coins, int days) throws Exception {
		Files.createDirectories(dataDir);
		InfluxDbServer influx = new InfluxDbServer(dataDir.resolve("influxdb"), Ports.free()).start();
		try {
			Path marker = dataDir.resolve(MARKER);
			Properties recorded = new Properties();
			if (Files.exists(marker)) {
				try (InputStream in = Files.newInputStream(marker)) {
					recorded.load(in);
				}
			}
			boolean sameSize = String.valueOf(coins).equals(recorded.getProperty("coins"))
					&& String.valueOf(days).equals(recorded.getProperty("days"));
			if (sameSize && recorded.getProperty("rebuild-seconds") != null) {
				return dataset(influx, recorded, coins, true);
			}
			if (!sameSize || recorded.getProperty("load-seconds") == null) {
				recorded = load(influx, coins, days);
				store(recorded, marker);
			}
			// the raw ticks are there (loaded now, or by a run whose rebuild failed): the rollups next
			Instant from = Instant.parse(recorded.getProperty("from"));
			Instant to = Instant.parse(recorded.getProperty("to"));
			long start = System.nanoTime();
			double commandSeconds = rebuild(influx, dataDir, projectRoot, from, to);
			double rebuildSeconds = (System.nanoTime() - start) / 1e9;
			System.out.printf("history: rebuild of %d days in %.1f s (the command's own count: %.1f s)%n", days,
					rebuildSeconds, commandSeconds);
			recorded.setProperty("rebuild-seconds", String.valueOf(rebuildSeconds));
			recorded.setProperty("rebuild-command-seconds", String.valueOf(commandSeconds));
			store(recorded, marker);
			return dataset(influx, recorded, coins, false);
		}
		catch (Exception ex) {
			influx.stop();
			throw ex;
		}
	}

	/** Times the daily candles of one year of one coin, from the rollups and from the raw ticks, alternately. */
	static Result run(Dataset dataset, int runs) {
		Instant to = dataset.to();
		Instant from = to.minus(365, ChronoUnit.DAYS).isBefore(dataset.from()) ? dataset.from()
				: to.minus(365, ChronoUnit.DAYS);
		String coin = dataset.coins().get(0);
		String where = InfluxQl.coinIs(coin) + " AND " + InfluxQl.timeBetween(from, to);
		String rollups = "SELECT first(" + CandleSchema.FIELD_OPEN_USD + ") AS open, max(" + CandleSchema.FIELD_HIGH_USD
				+ ") AS high, min(" + CandleSchema.FIELD_LOW_USD + ") AS low, last(" + CandleSchema.FIELD_CLOSE_USD
				+ ") AS close, last(" + CandleSchema.FIELD_VOLUME_24H + ") AS volume FROM " + CandleSchema.MEASUREMENT
				+ " WHERE \"" + CandleSchema.TAG_INTERVAL + "\" = '1d' AND " + where + " GROUP BY time(1d) fill(none)";
		String price = CryptoPriceSchema.FIELD_PRICE_USD;
		String raw = "SELECT first(" + price + ") AS open, max(" + price + ") AS high, min(" + price + ") AS low, last("
				+ price + ") AS close, last(" + CryptoPriceSchema.FIELD_VOLUME_24H + ") AS volume FROM "
				+ CryptoPriceSchema.MEASUREMENT + " WHERE " + where + " GROUP BY time(1d) fill(none)";
		InfluxTarget rollupsTarget = InfluxTarget.database(InfluxDbServer.ROLLUPS_DATABASE);
		InfluxTarget rawTarget = InfluxTarget.database(InfluxDbServer.DATABASE);
		List<Row> fromRollups = dataset.influx().gateway().query(rollupsTarget, rollups);
		List<Row> fromRaw = dataset.influx().gateway().query(rawTarget, raw);
		if (fromRollups.isEmpty() || !fromRollups.equals(fromRaw)) {
			throw new IllegalStateException("daily candles: " + fromRollups.size() + " from the rollups, "
					+ fromRaw.size() + " from the raw ticks, " + (fromRollups.equals(fromRaw) ? "the same" : "not the same"));
		}
		double[] rollupServer = new double[runs];
		double[] rawServer = new double[runs];
		double[] rollupWall = new double[runs];
		double[] rawWall = new double[runs];
		for (int run = 0; run < runs; run++) {
			rollupServer[run] = serverMillis(dataset, rollupsTarget, rollups);
			rawServer[run] = serverMillis(dataset, rawTarget, raw);
			rollupWall[run] = wallMillis(dataset, rollupsTarget, rollups);
			rawWall[run] = wallMillis(dataset, rawTarget, raw);
		}
		return new Result(fromRollups.size(), median(rollupServer), median(rawServer), median(rollupWall),
				median(rawWall));
	}

	private static Dataset dataset(InfluxDbServer influx, Properties recorded, int coins, boolean reused) {
		return new Dataset(influx, Instant.parse(recorded.getProperty("from")), Instant.parse(recorded.getProperty("to")),
				COINS.subList(0, coins), Long.parseLong(recorded.getProperty("points")),
				Double.parseDouble(recorded.getProperty("load-seconds")),
				Double.parseDouble(recorded.getProperty("rebuild-seconds")),
				Double.parseDouble(recorded.getProperty("rebuild-command-seconds")), reused);
	}

	private static void store(Properties recorded, Path marker) throws IOException {
		try (OutputStream out = Files.newOutputStream(marker)) {
			recorded.store(out, "CryptoViz history benchmark dataset: raw ticks in " + InfluxDbServer.DATABASE
					+ ", candles in " + InfluxDbServer.ROLLUPS_DATABASE);
		}
	}

	/** Writes the raw ticks into fresh databases; what was written, as the marker records it. */
	private static Properties load(InfluxDbServer influx, int coins, int days) throws InterruptedException {
		// whatever an earlier, different run left goes
		influx.gateway().query("DROP DATABASE \"" + InfluxDbServer.DATABASE + "\"");
		influx.gateway().query("DROP DATABASE \"" + InfluxDbServer.ROLLUPS_DATABASE + "\"");
		influx.createDatabases();
		Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS);
		Instant from = to.minus(days, ChronoUnit.DAYS);
		long start = System.nanoTime();
		long points = write(influx, COINS.subList(0, coins), from, to);
		double loadSeconds = (System.nanoTime() - start) / 1e9;
		List<Row> count = influx.gateway().query("SELECT count(" + CryptoPriceSchema.FIELD_PRICE_USD + ") FROM "
				+ CryptoPriceSchema.MEASUREMENT);
		long stored = count.isEmpty() ? 0 : count.get(0).number("count").longValue();
		if (stored != points) {
			throw new IllegalStateException("InfluxDB holds " + stored + " raw points of " + points + " written");
		}
		System.out.printf("history: %,d raw points written in %.1f s (%,.0f points/s)%n", points, loadSeconds,
				points / loadSeconds);
		Properties recorded = new Properties();
		recorded.setProperty("coins", String.valueOf(coins));
		recorded.setProperty("days", String.valueOf(days));
		recorded.setProperty("from", from.toString());
		recorded.setProperty("to", to.toString());
		recorded.setProperty("points", String.valueOf(points));
		recorded.setProperty("load-seconds", String.valueOf(loadSeconds));
		return recorded;
	}

	/**
	 * One tick a minute per coin, a random walk with every figure, written day by day in
	 * 5,000-line requests from two writers; a request InfluxDB cannot take now is sent again.
	 */
	private static long write(InfluxDbServer influx, List<String> coins, Instant from, Instant to)
			throws InterruptedException {
		Random random = new Random(14);
		double[] prices = new double[coins.size()];
		for (int c = 0; c < coins.size(); c++) {
			prices[c] = 10_000.0 / (c + 1);
		}
		long points = 0;
		List<Thread> writers = new ArrayList<>();
		for (Instant day = from; day.isBefore(to); day = day.plus(1, ChronoUnit.DAYS)) {
			List<String> lines = new ArrayList<>(coins.size() * 1440);
			StringBuilder line = new StringBuilder(200);
			for (int minute = 0; minute < 1440; minute++) {
				Instant time = day.plus(minute, ChronoUnit.MINUTES);
				for (int c = 0; c < coins.size(); c++) {
					prices[c] *= 1 + random.nextGaussian() * 0.001;
					double price = prices[c];
					line.setLength(0);
					lines.add(CryptoPriceSchema.appendLineProtocol(line, new PriceTick(coins.get(c), price, price * 0.92,
							random.nextGaussian() * 2, price * 1.9e7, price * 2.3e5, time, TickSource.SIMULATED))
						.toString());
				}
			}
			points += lines.size();
			// two writers: InfluxDB takes more from two than from one (see the ingest benchmark)
			if (writers.size() == 2) {
				writers.remove(0).join();
			}
			Thread writer = new Thread(() -> writeDay(influx, lines), "history-writer");
			writer.start();
			writers.add(writer);
		}
		for (Thread writer : writers) {
			writer.join();
		}
		return points;
	}

	private static void writeDay(InfluxDbServer influx, List<String> lines) {
		for (int from = 0; from < lines.size(); from += BATCH) {
			List<String> batch = lines.subList(from, Math.min(lines.size(), from + BATCH));
			for (int attempt = 1;; attempt++) {
				try {
					WriteResult result = influx.gateway().write(influx.gateway().target(), batch, WriteListener.NONE);
					if (!result.rejected().isEmpty()) {
						throw new IllegalStateException("InfluxDB refused: " + result.rejected());
					}
					break;
				}
				catch (InfluxUnavailableException ex) {
					if (attempt == 10) {
						throw ex;
					}
					BenchEnvironment.pause(500L * attempt);
				}
			}
		}
	}

	/** Runs {@code java -jar crypto-consumer.jar --rebuild-rollups}; the time it logs for itself, in seconds. */
	private static double rebuild(InfluxDbServer influx, Path dataDir, Path projectRoot, Instant from, Instant to)
			throws IOException, InterruptedException {
		Path log = dataDir.resolve("rebuild.log");
		Process process = new ProcessBuilder("java", "-jar",
				ServiceProcess.executableJar(projectRoot, "crypto-consumer").toString(), "--rebuild-rollups",
				"--from=" + from, "--to=" + to, "--influx.url=" + influx.url(),
				// a day of 20 coins' raw ticks is aggregated in one query, slow on a busy machine
				"--influx.read-timeout=5m")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		if (!process.waitFor(2, TimeUnit.HOURS) || process.exitValue() != 0) {
			process.destroy();
			throw new IllegalStateException("the rollup rebuild failed; see " + log);
		}
		Matcher done = REBUILD_DONE.matcher(Files.readString(log));
		return done.find() ? Double.parseDouble(done.group(1)) : Double.NaN;
	}

	/** The statement's total time in InfluxDB (planning and execution), from {@code EXPLAIN ANALYZE}, in ms. */
	private static double serverMillis(Dataset dataset, InfluxTarget target, String query) {
		InfluxAnswer answer = dataset.influx().gateway().answer(target, "EXPLAIN ANALYZE " + query);
		Matcher total = TOTAL_TIME.matcher(answer.body());
		if (!total.find()) {
			throw new IllegalStateException("no total_time in EXPLAIN ANALYZE's answer: " + answer.body());
		}
		double value = Double.parseDouble(total.group(1));
		return switch (total.group(2)) {
			case "ns" -> value / 1e6;
			case "µs", "us" -> value / 1e3;
			case "s" -> value * 1e3;
			default -> value;
		};
	}

	/** The statement's round trip from here, its answer read, in ms. */
	private static double wallMillis(Dataset dataset, InfluxTarget target, String query) {
		long start = System.nanoTime();
		dataset.influx().gateway().query(target, query);
		return (System.nanoTime() - start) / 1e6;
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	/**
	 * The dataset, InfluxDB running on it.
	 * @param from the first minute of ticks
	 * @param to the end of the ticks (exclusive), a UTC midnight: where a benchmark's ranges should end
	 * @param loadSeconds how long writing the raw points took when the dataset was made
	 * @param rebuildSeconds how long the rebuild command took, its JVM's start included
	 * @param rebuildCommandSeconds the rebuild's own count of its time
	 * @param reused whether the folder held it already
	 */
	record Dataset(InfluxDbServer influx, Instant from, Instant to, List<String> coins, long points,
			double loadSeconds, double rebuildSeconds, double rebuildCommandSeconds, boolean reused)
			implements AutoCloseable {

		Duration period() {
			return Duration.between(this.from, this.to);
		}

		String row() {
			return "| %d coins, %d days, %,d raw points | %.0f s | %.0f s (%.0f s by its own count) | %s |".formatted(
					this.coins.size(), period().toDays(), this.points, this.loadSeconds, this.rebuildSeconds,
					this.rebuildCommandSeconds, this.reused ? "reused" : "made now");
		}

		/** Stops InfluxDB; the data stays. */
		@Override
		public void close() {
			this.influx.stop();
		}

	}

	/** Medians, in milliseconds, of one year of daily candles of one coin. */
	record Result(int candles, double rollupServerMillis, double rawServerMillis, double rollupWallMillis,
			double rawWallMillis) {

		double serverSpeedUp() {
			return this.rawServerMillis / this.rollupServerMillis;
		}

		String row() {
			return "| %d daily candles, one coin | %.1f | %.1f | %.0f× | %.1f | %.1f | %.0f× |".formatted(this.candles,
					this.rollupServerMillis, this.rawServerMillis, serverSpeedUp(), this.rollupWallMillis,
					this.rawWallMillis, this.rawWallMillis / this.rollupWallMillis);
		}

	}

}
