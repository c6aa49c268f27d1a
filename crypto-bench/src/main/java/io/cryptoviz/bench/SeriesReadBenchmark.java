package io.cryptoviz.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.cryptoviz.devstack.ServiceProcess;
import io.cryptoviz.influx.CryptoPriceSchema;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickSource;

/**
 * History and candles read at 64 connections, side by side with {@code latest} in the same run,
 * for 24 h at 5m, 30 days at 1h and a year at 1d, with the series caches on (the defaults) and
 * off ({@code ttl 0s}), from an API reading the tiers; and the time of one uncached request for a
 * year of daily candles from the candles and from the raw ticks ({@code tier=raw}). The data:
 * one-minute ticks for a year up to now for a few coins, written straight into InfluxDB, and their
 * candles from the consumer's own rebuild command. No ticks arrive while it runs, so a cached answer
 * stays cached: the figures with the cache are those of a chart many people look at.
 */
final class SeriesReadBenchmark {

	private static final List<String> COINS = List.of("bitcoin", "ethereum", "solana", "cardano", "polkadot",
			"ripple", "tron", "dogecoin", "litecoin", "chainlink", "stellar", "monero", "uniswap", "avalanche-2",
			"cosmos", "near", "aptos", "filecoin", "algorand", "tezos");

	private static final List<String> SERIES_CACHES = List.of("HISTORY", "CANDLES", "COMPARE");

	private SeriesReadBenchmark() {
	}

	/**
	 * @param days how many days of one-minute ticks, up to now
	 * @param coins how many coins (at most 20); the first is the one read
	 * @param requests how many sequential requests time one uncached year of daily candles
	 */
	static Result run(BenchEnvironment env, Path projectRoot, int connections, int seconds, int days, int coins,
			int requests) throws Exception {
		env.influx.createDatabases();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
		long seeding = System.nanoTime();
		long points = seed(env, now, days, coins);
		double seedSeconds = (System.nanoTime() - seeding) / 1e9;
		long rebuilding = System.nanoTime();
		rebuild(env, projectRoot, LocalDate.ofInstant(now.minus(Duration.ofDays(days)), ZoneOffset.UTC));
		double rebuildSeconds = (System.nanoTime() - rebuilding) / 1e9;
		Map<String, String> endpoints = endpoints(now);
		List<Row> rows = new ArrayList<>();
		double[] yearFromCandles = null;
		double[] yearFromRaw = null;
		for (boolean cached : new boolean[] { true, false }) {
			Map<String, String> settings = new LinkedHashMap<>();
			if (!cached) {
				SERIES_CACHES.forEach((cache) -> settings.put("CRYPTOVIZ_API_CACHES_" + cache + "_TTL", "0s"));
			}
			// as deployed (its jvm.options, and its CDS archive when the build made one), as the targets are
			ServiceProcess api = env.startAsDeployed("crypto-api", settings);
			try {
				// every endpoint once before any is measured: latest, measured first, would otherwise
				// be measured on a JVM that has compiled nothing yet, and the others on one that has.
				// On one connection: uncached, a slow query left in flight by each would hold the
				// request threads after wrk has gone, and latest would be measured behind them
				for (String path : endpoints.values()) {
					ApiBenchmark.Wrk.run(api.url() + path, 1, Math.max(1, seconds / 3));
				}
				for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
					String url = api.url() + endpoint.getValue();
					ApiBenchmark.Wrk.run(url, connections, Math.max(1, seconds / 3));
					rows.add(new Row(cached, endpoint.getKey(), ApiBenchmark.Wrk.run(url, connections, seconds)));
				}
				if (!cached) {
					String year = api.url() + endpoints.get("candles, 1 y at 1d");
					yearFromCandles = times(year, requests);
					yearFromRaw = times(year + "&tier=raw", requests);
				}
			}
			finally {
				api.stop();
			}
		}
		return new Result(points, seedSeconds, rebuildSeconds, rows, median(yearFromCandles), median(yearFromRaw));
	}

	private static Map<String, String> endpoints(Instant now) {
		Map<String, String> endpoints = new LinkedHashMap<>();
		endpoints.put("latest", "/api/v1/latest");
		Map<String, String> spans = new LinkedHashMap<>();
		spans.put("24 h at 5m", "interval=5m&from=" + now.minus(Duration.ofDays(1)) + "&to=" + now);
		spans.put("30 d at 1h", "interval=1h&from=" + now.minus(Duration.ofDays(30)) + "&to=" + now);
		spans.put("1 y at 1d", "interval=1d&from=" + now.minus(Duration.ofDays(365)) + "&to=" + now);
		spans.forEach((span, query) -> {
			endpoints.put("history, " + span, "/api/v1/coins/" + COINS.get(0) + "/history?" + query);
			endpoints.put("candles, " + span, "/api/v1/coins/" + COINS.get(0) + "/candles?" + query);
		});
		// the page's history is a mean, which only the raw ticks answer; its close comes from candles
		endpoints.put("history (last), 1 y at 1d",
				"/api/v1/coins/" + COINS.get(0) + "/history?aggregation=last&" + spans.get("1 y at 1d"));
		return endpoints;
	}

	/** A random walk per coin, one tick a minute, up to now. */
	private static long seed(BenchEnvironment env, Instant now, int days, int coins) {
		Random random = new Random(14);
		long points = 0;
		for (String coin : COINS.subList(0, Math.min(coins, COINS.size()))) {
			double price = 100 + random.nextInt(1000);
			List<String> lines = new ArrayList<>(100_000);
			for (Instant at = now.minus(Duration.ofDays(days)); !at.isAfter(now); at = at.plusSeconds(60)) {
				price = Math.max(0.01, price * (1 + random.nextGaussian() * 0.001));
				lines.add(CryptoPriceSchema.toLineProtocol(new PriceTick(coin, price, price * 0.92, 1.5, price * 1e7,
						price * 1e5, at, TickSource.SIMULATED)));
				if (lines.size() == 100_000) {
					points += env.influx.gateway().write(lines).written();
					lines.clear();
				}
			}
			points += env.influx.gateway().write(lines).written();
		}
		return points;
	}

	/** The consumer's rebuild command over every day of the ticks, as a user runs it. */
	private static void rebuild(BenchEnvironment env, Path projectRoot, LocalDate from)
			throws IOException, InterruptedException {
		Path jar = ServiceProcess.executableJar(projectRoot, "crypto-consumer");
		Path log = Path.of("target", "bench", "rebuild-rollups.log");
		Files.createDirectories(log.getParent());
		ProcessBuilder command = new ProcessBuilder("java", "-jar", jar.toString(), "--rebuild-rollups",
				"--from=" + from)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		command.environment().put("INFLUX_URL", env.influx.url());
		Process rebuild = command.start();
		if (!rebuild.waitFor(60, TimeUnit.MINUTES) || rebuild.exitValue() != 0) {
			rebuild.destroyForcibly();
			throw new IllegalStateException("The rollup rebuild failed: see " + log.toAbsolutePath());
		}
	}

	/** Each request's time in milliseconds, one after the other; NaN for one that failed or took over 30 s. */
	private static double[] times(String url, int requests) throws InterruptedException {
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build();
		double[] times = new double[requests];
		for (int i = 0; i < requests; i++) {
			long start = System.nanoTime();
			try {
				HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
				times[i] = (response.statusCode() == 200) ? (System.nanoTime() - start) / 1e6 : Double.NaN;
			}
			catch (IOException ex) {
				times[i] = Double.NaN;
			}
		}
		return times;
	}

	private static double median(double[] values) {
		double[] sorted = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
		return (sorted.length > 0) ? sorted[sorted.length / 2] : Double.NaN;
	}

	record Row(boolean cached, String endpoint, ApiBenchmark.Wrk.Outcome outcome) {
	}

	/**
	 * @param points raw ticks written
	 * @param seedSeconds how long writing them took
	 * @param rebuildSeconds how long the rebuild command took for their candles
	 * @param rows every endpoint, cache on then off
	 * @param yearFromCandlesMillis median time of one uncached year of daily candles, from the candles
	 * @param yearFromRawMillis the same from the raw ticks
	 */
	record Result(long points, double seedSeconds, double rebuildSeconds, List<Row> rows, double yearFromCandlesMillis,
			double yearFromRawMillis) {

		List<String> table(int connections) {
			List<String> table = new ArrayList<>();
			table.add("| reads, %d connections (%,d ticks, rebuild %.0f s) | cache | requests/s | p50 ms | p99 ms | non-2xx | vs latest |"
				.formatted(connections, this.points, this.rebuildSeconds));
			table.add("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
			double latest = Double.NaN;
			for (Row row : this.rows) {
				if (row.endpoint().equals("latest")) {
					latest = row.outcome().requestsPerSecond();
				}
				table.add("| %s | %s | %,.0f | %.1f | %.1f | %d | %.0f %% |".formatted(row.endpoint(),
						row.cached() ? "on" : "off", row.outcome().requestsPerSecond(), row.outcome().p50Millis(),
						row.outcome().p99Millis(), row.outcome().errors(), 100 * row.outcome().requestsPerSecond() / latest));
			}
			table.add("| one uncached year of daily candles | off | from candles %.1f ms | from raw ticks %.1f ms | raw/candles %.1f× | | |"
				.formatted(this.yearFromCandlesMillis, this.yearFromRawMillis, this.yearFromRawMillis / this.yearFromCandlesMillis));
			return table;
		}

	}

}
