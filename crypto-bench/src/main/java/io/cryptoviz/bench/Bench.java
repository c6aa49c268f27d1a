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
 * java -jar crypto-bench/target/crypto-bench-*.jar ingest [--ticks=1000000] [--coins=100] [--runs=3]
 * </pre>
 */
public final class Bench {

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.out.println("Usage: Bench ingest|cost [--ticks=N] [--coins=N] [--runs=N] [--project-root=DIR]");
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
		switch (args[0]) {
			case "ingest" -> {
				int ticks = Integer.parseInt(options.getOrDefault("ticks", "1000000"));
				int coins = Integer.parseInt(options.getOrDefault("coins", "100"));
				int sample = Integer.parseInt(options.getOrDefault("prototype-sample", "20000"));
				rows.add("| ingest | consumer points/s | ceiling points/s | prototype points/s | consumer/ceiling | consumer/prototype |");
				rows.add("| --- | ---: | ---: | ---: | ---: | ---: |");
				for (int run = 1; run <= runs; run++) {
					try (BenchEnvironment env = new BenchEnvironment(Files.createTempDirectory("cryptoviz-bench"), root)) {
						IngestBenchmark.Result result = IngestBenchmark.run(env, ticks, coins, sample);
						rows.add(result.row());
						System.out.println("run " + run + ": " + result.row());
					}
				}
			}
			default -> throw new IllegalArgumentException("unknown benchmark " + args[0]);
		}
		report(rows);
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
