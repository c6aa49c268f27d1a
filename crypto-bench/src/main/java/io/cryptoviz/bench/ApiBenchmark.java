package io.cryptoviz.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cryptoviz.devstack.InfluxDbServer;
import io.cryptoviz.devstack.ServiceProcess;
import io.cryptoviz.influx.CryptoPriceSchema;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickSource;

/**
 * The API under concurrent load from {@code wrk}: its read endpoints next to a trivial endpoint of
 * the same application ({@code /actuator/health/liveness}), in one run, over 24 hours of ticks
 * every 10 s for five coins.
 */
final class ApiBenchmark {

	private static final List<String> COINS = List.of("bitcoin", "ethereum", "cardano", "solana", "polkadot");

	private ApiBenchmark() {
	}

	static List<Result> run(BenchEnvironment env, int connections, int seconds) throws Exception {
		env.influx.createDatabases();
		seed(env);
		// as measured before tiers and caches: every series re-aggregated from the raw ticks (this
		// data has no candles); SeriesReadBenchmark measures the tiers and the caches
		ServiceProcess api = env.start("crypto-api",
				Map.of("CRYPTOVIZ_API_TIERS_ROLLUPS", "false", "CRYPTOVIZ_API_CACHES_HISTORY_TTL", "0s",
						"CRYPTOVIZ_API_CACHES_CANDLES_TTL", "0s"));
		Instant to = Instant.now().truncatedTo(ChronoUnit.MINUTES);
		Instant from = to.minus(24, ChronoUnit.HOURS);
		Map<String, String> endpoints = new LinkedHashMap<>();
		endpoints.put("trivial (`/actuator/health/liveness`)", "/actuator/health/liveness");
		endpoints.put("latest (`/api/v1/latest`)", "/api/v1/latest");
		endpoints.put("history (24 h at 5m, one coin)",
				"/api/v1/coins/bitcoin/history?interval=5m&from=" + from + "&to=" + to);
		endpoints.put("candles (24 h at 5m, one coin)",
				"/api/v1/coins/bitcoin/candles?interval=5m&from=" + from + "&to=" + to);
		List<Result> results = new ArrayList<>();
		for (Map.Entry<String, String> endpoint : endpoints.entrySet()) {
			// a short warm-up, so the JIT has compiled the path before it is measured
			Wrk.run(api.url() + endpoint.getValue(), connections, Math.max(1, seconds / 3));
			results.add(new Result(endpoint.getKey(), Wrk.run(api.url() + endpoint.getValue(), connections, seconds)));
		}
		return results;
	}

	/** 24 hours of ticks, one every 10 s per coin, up to now. */
	private static void seed(BenchEnvironment env) {
		Instant end = Instant.now();
		List<String> lines = new ArrayList<>();
		for (Instant at = end.minus(24, ChronoUnit.HOURS); at.isBefore(end); at = at.plusSeconds(10)) {
			for (int coin = 0; coin < COINS.size(); coin++) {
				double price = 100.0 * (coin + 1) + (lines.size() % 1000) * 0.01;
				lines.add(CryptoPriceSchema.toLineProtocol(new PriceTick(COINS.get(coin), price, price * 0.92, 1.5,
						price * 1e7, price * 1e5, at, TickSource.SIMULATED)));
			}
		}
		env.influx.gateway().write(lines);
	}

	record Result(String endpoint, Wrk.Outcome outcome) {
	}

	/** Runs wrk (Debian's {@code wrk} package) and reads its report. */
	static final class Wrk {

		private static final Pattern REQUESTS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

		private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)\\s*$",
				Pattern.MULTILINE);

		private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

		record Outcome(double requestsPerSecond, double p50Millis, double p99Millis, long errors) {
		}

		static Outcome run(String url, int connections, int seconds) throws IOException, InterruptedException {
			Process wrk;
			try {
				wrk = new ProcessBuilder("wrk", "-t" + Math.min(2, connections), "-c" + connections, "-d" + seconds + "s", "--latency", url)
					.redirectErrorStream(true)
					.start();
			}
			catch (IOException ex) {
				throw new IllegalStateException("wrk not found: install Debian's wrk package (apt-get install wrk)", ex);
			}
			String report = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (wrk.waitFor() != 0) {
				throw new IllegalStateException("wrk failed: " + report);
			}
			Matcher requests = REQUESTS.matcher(report);
			if (!requests.find()) {
				throw new IllegalStateException("no Requests/sec in wrk's report: " + report);
			}
			double p50 = Double.NaN;
			double p99 = Double.NaN;
			Matcher percentiles = PERCENTILE.matcher(report);
			while (percentiles.find()) {
				double value = Double.parseDouble(percentiles.group(2)) * switch (percentiles.group(3)) {
					case "us" -> 0.001;
					case "s" -> 1000.0;
					default -> 1.0;
				};
				if (percentiles.group(1).equals("50")) {
					p50 = value;
				}
				else {
					p99 = value;
				}
			}
			Matcher errors = ERRORS.matcher(report);
			return new Outcome(Double.parseDouble(requests.group(1)), p50, p99,
					errors.find() ? Long.parseLong(errors.group(1)) : 0);
		}

	}

}
