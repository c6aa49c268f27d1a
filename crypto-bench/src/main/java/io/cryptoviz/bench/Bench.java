package io.cryptoviz.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the benchmarks and prints their tables (also appended to {@code target/bench/results.md}).
 *
 * <pre>
 * java -jar crypto-bench/target/crypto-bench-*.jar all|ingest|freshness|api|reads|cost|history [--runs=3]
 * </pre>
 */
public final class Bench {

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.out.println("""
					Usage: Bench ingest|freshness|api|reads|cost|history|all [--runs=3] [--project-root=.]
					  ingest:    [--ticks=3000000] [--coins=100] [--prototype-sample=20000]
					  freshness: [--freshness-ticks=3000]
					  api:       [--connections=64] [--seconds=15]   (needs wrk on the PATH)
					  reads:     [--connections=64] [--seconds=15] [--read-days=365] [--read-coins=2] [--read-requests=20]
					java -Dcryptoviz.bench.jfr=DIR -jar …: a flight recording of each service started, in DIR
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
			rows.add(IngestBenchmark.Result.HEADER);
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
		if (which.equals("history")) {
			Path dataDir = Path.of(options.getOrDefault("data-dir", "target/bench/history")).toAbsolutePath();
			int coins = Integer.parseInt(options.getOrDefault("history-coins", "20"));
			int days = Integer.parseInt(options.getOrDefault("history-days", "365"));
			try (HistoryBenchmark.Dataset dataset = HistoryBenchmark.open(dataDir, root, coins, days)) {
				rows.add("| history dataset (" + dataDir + ") | raw points written | rebuild command | |");
				rows.add("| --- | ---: | ---: | --- |");
				rows.add(dataset.row());
				rows.add("");
				rows.add("| one year, uncached | rollups server ms | raw server ms | raw/rollups | rollups round trip ms | raw round trip ms | raw/rollups |");
				rows.add("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
				for (int run = 1; run <= runs; run++) {
					rows.add(HistoryBenchmark.run(dataset, 5).row());
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
			Duration settle = Duration.ofSeconds(Long.parseLong(options.getOrDefault("settle", "5")));
			rows.add("");
			rows.add("| run | cost | settings | \"Started\" at, s | of which Spring, s | to ready, s | RSS when ready, MiB | RSS %d s later, MiB |"
				.formatted(settle.toSeconds()));
			rows.add("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |");
			List<CostBenchmark.Result> all = new ArrayList<>();
			for (int run = 1; run <= runs; run++) {
				try (BenchEnvironment env = environment(root)) {
					for (CostBenchmark.Result result : CostBenchmark.run(env, run, settle)) {
						rows.add(result.row(run));
						all.add(result);
						System.err.println(result.row(run));
					}
				}
			}
			for (String service : CostBenchmark.SERVICES) {
				for (CostBenchmark.Settings settings : CostBenchmark.Settings.values()) {
					List<CostBenchmark.Result> these = all.stream()
						.filter((result) -> result.service().equals(service) && result.settings() == settings)
						.toList();
					rows.add("| **median of %d** | **%s** | **%s** | **%.1f** | **%.1f** | **%.1f** | **%.0f** | **%.0f** |"
						.formatted(these.size(), service, settings.label,
								median(these, CostBenchmark.Result::startedSeconds),
								median(these, CostBenchmark.Result::contextSeconds),
								median(these, CostBenchmark.Result::toReadySeconds),
								median(these, CostBenchmark.Result::residentMiB),
								median(these, CostBenchmark.Result::settledResidentMiB)));
				}
			}
		}
		if (rows.isEmpty()) {
			throw new IllegalArgumentException(
					"unknown benchmark " + which + ": ingest, freshness, api, reads, cost, history or all");
		}
		report(rows);
	}

	private static double median(List<CostBenchmark.Result> results,
			java.util.function.ToDoubleFunction<CostBenchmark.Result> figure) {
		double[] sorted = results.stream().mapToDouble(figure).filter((value) -> !Double.isNaN(value)).sorted().toArray();
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
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
