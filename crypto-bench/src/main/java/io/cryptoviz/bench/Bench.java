package io.cryptoviz.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the benchmarks and prints their tables (also appended to {@code target/bench/results.md}).
 *
 * <pre>
 * java -jar crypto-bench/target/crypto-bench-*.jar all|ingest|freshness|api|reads|cost [--runs=3]
 * </pre>
 */
public final class Bench {

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.out.println("""
					Usage: Bench ingest|freshness|api|reads|cost|all [--runs=3] [--project-root=.]
					  ingest:    [--ticks=3000000] [--coins=100] [--prototype-sample=20000]
					  freshness: [--freshness-ticks=3000]
					  api:       [--connections=64] [--seconds=15]   (needs wrk on the PATH)
					  reads:     [--connections=64] [--seconds=15] [--read-days=365] [--read-coins=2] [--read-requests=20]
					""");
			return;
		}
		org.slf4j.Logger rootLogger = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		if (rootLogger instanceof ch.qos.logback.classic.Logger logback) {
			logback.setLevel(ch.qos.logback.classic.Level.WARN);
		}
		Map<String, String> options = options(args);
		Path root = Path.of(options.getOrDefault("project-root", ".")).toAbsolutePath();
		int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
		List<String> rows = new ArrayList<>();
		String which = args[0];
		if (which.equals("ingest") || which.equals("all")) {
			int ticks = Integer.parseInt(options.getOrDefault("ticks", "3000000"));
			int coins = Integer.parseInt(options.getOrDefault("coins", "100"));
			int sample = Integer.parseInt(options.getOrDefault("prototype-sample", "20000"));
			rows.add("| ingest | consumer points/s | ceiling points/s | prototype points/s | consumer/ceiling | consumer/prototype | without rollups points/s | without rollups/ceiling |");
			rows.add("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
			for (int run = 1; run <= runs; run++) {
				try (BenchEnvironment env = environment(root)) {
					rows.add(IngestBenchmark.run(env, ticks, coins, sample).row());
				}
			}
		}
		if (which.equals("freshness") || which.equals("all")) {
			int ticks = Integer.parseInt(options.getOrDefault("freshness-ticks", "3000"));
			rows.add("");
			rows.add("| freshness | ticks/s published | ticks seen | p50 ms | p95 ms | p99 ms | max ms |");
			rows.add("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
			for (int run = 1; run <= runs; run++) {
				try (BenchEnvironment env = environment(root)) {
					rows.add(FreshnessBenchmark.run(env, ticks).rows());
				}
			}
		}
		if (which.equals("api") || which.equals("all")) {
			int connections = Integer.parseInt(options.getOrDefault("connections", "64"));
			int seconds = Integer.parseInt(options.getOrDefault("seconds", "15"));
			rows.add("");
			rows.add("| API, %d connections | requests/s | p50 ms | p99 ms | non-2xx | vs trivial |".formatted(connections));
			rows.add("| --- | ---: | ---: | ---: | ---: | ---: |");
			for (int run = 1; run <= runs; run++) {
				try (BenchEnvironment env = environment(root)) {
					List<ApiBenchmark.Result> results = ApiBenchmark.run(env, connections, seconds);
					double trivial = results.get(0).outcome().requestsPerSecond();
					for (ApiBenchmark.Result result : results) {
						ApiBenchmark.Wrk.Outcome outcome = result.outcome();
						rows.add("| %s | %,.0f | %.1f | %.1f | %d | %.0f %% |".formatted(result.endpoint(),
								outcome.requestsPerSecond(), outcome.p50Millis(), outcome.p99Millis(), outcome.errors(),
								100 * outcome.requestsPerSecond() / trivial));
					}
				}
			}
		}
		if (which.equals("reads") || which.equals("all")) {
			int connections = Integer.parseInt(options.getOrDefault("connections", "64"));
			int seconds = Integer.parseInt(options.getOrDefault("seconds", "15"));
			int days = Integer.parseInt(options.getOrDefault("read-days", "365"));
			int coins = Integer.parseInt(options.getOrDefault("read-coins", "2"));
			int requests = Integer.parseInt(options.getOrDefault("read-requests", "20"));
			for (int run = 1; run <= runs; run++) {
				try (BenchEnvironment env = environment(root)) {
					List<String> table = SeriesReadBenchmark.run(env, root, connections, seconds, days, coins, requests)
						.table(connections);
					// each run as it ends: a run is long, and a later one may fail
					table.forEach(System.out::println);
					rows.add("");
					rows.addAll(table);
				}
			}
		}
		if (which.equals("cost") || which.equals("all")) {
			rows.add("");
			rows.add("| cost | start-up to ready, s | resident memory when ready, MiB |");
			rows.add("| --- | ---: | ---: |");
			for (int run = 1; run <= runs; run++) {
				try (BenchEnvironment env = environment(root)) {
					for (CostBenchmark.Result result : CostBenchmark.run(env)) {
						rows.add("| %s | %.1f | %.0f |".formatted(result.service(), result.startupSeconds(),
								result.residentMiB()));
					}
				}
			}
		}
		if (rows.isEmpty()) {
			throw new IllegalArgumentException("unknown benchmark " + which + ": ingest, freshness, api, reads, cost or all");
		}
		report(rows);
	}

	private static BenchEnvironment environment(Path root) throws Exception {
		return new BenchEnvironment(Files.createTempDirectory("cryptoviz-bench"), root);
	}

	private static void report(List<String> rows) throws Exception {
		Path results = Path.of("target", "bench", "results.md");
		Files.createDirectories(results.getParent());
		StringBuilder text = new StringBuilder("\nRun of " + Instant.now() + "\n\n");
		rows.forEach((row) -> text.append(row).append('\n'));
		Files.writeString(results, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		System.out.print(text);
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 1; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("options look like --name=value, not " + arg);
			}
			options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		return options;
	}

}
