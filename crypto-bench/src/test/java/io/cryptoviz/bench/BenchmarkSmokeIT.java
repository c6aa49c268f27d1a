package io.cryptoviz.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every benchmark at a small size, so that the benchmarks keep working as the services change.
 * Timings are printed, never asserted: on a shared machine they prove nothing.
 */
class BenchmarkSmokeIT {

	private static final Path ROOT = Path.of(System.getProperty("cryptoviz.project-root", "..")).toAbsolutePath();

	@Test
	void ingestStoresEveryPreloadedTickEachWayAndTheConsumerItsCandles() throws Exception {
		try (BenchEnvironment env = environment()) {
			IngestBenchmark.Result result = IngestBenchmark.run(env, 20_000, 10, 200);

			System.out.println(result.row());
			assertThat(IngestBenchmark.CEILING_WRITERS)
				.allSatisfy((writers) -> assertThat(IngestBenchmark.count(env, IngestBenchmark.ceilingDatabase(writers)))
					.isEqualTo(20_000));
			assertThat(result.ceilings()).containsOnlyKeys(1, 2, 4);
			assertThat(IngestBenchmark.count(env, "prototype")).isEqualTo(200);
			assertThat(IngestBenchmark.count(env, "consumer")).isEqualTo(20_000);
			assertThat(IngestBenchmark.count(env, "consumer-raw-only")).isEqualTo(20_000);
			// 10 coins, a tick a second each: 2,000 s of ticks, in 5m, 1h and 1d candles
			assertThat(env.influx.gateway()
				.query(io.cryptoviz.influx.InfluxTarget.database("consumer-rollups"),
						"SELECT sum(ticks) FROM crypto_candle WHERE \"interval\" = '1d'")
				.get(0)
				.number("sum")).isEqualTo(20_000.0);
			assertThat(List.of(result.consumerPerSecond(), result.ceilingPerSecond(), result.prototypePerSecond(),
					result.rawOnlyPerSecond()))
				.allSatisfy((rate) -> assertThat(rate).isPositive().isFinite());
		}
	}

	@Test
	void freshnessSeesEveryPublishedTickThroughTheApiAndInInfluxDb() throws Exception {
		try (BenchEnvironment env = environment()) {
			FreshnessBenchmark.Result result = FreshnessBenchmark.run(env, 50);

			System.out.println(result.rows());
			assertThat(result.throughApi()).hasSize(50);
			assertThat(result.inInfluxDb()).hasSize(50);
		}
	}

	@Test
	void apiLoadGetsOnlySuccessfulAnswersFromEveryEndpoint() throws Exception {
		try (BenchEnvironment env = environment()) {
			List<ApiBenchmark.Result> results = ApiBenchmark.run(env, 8, 2);

			results.forEach((result) -> System.out.println(result));
			assertThat(results).hasSize(4).allSatisfy((result) -> {
				assertThat(result.outcome().requestsPerSecond()).isPositive();
				assertThat(result.outcome().errors()).isZero();
			});
		}
	}

	@Test
	void costMeasuresEveryServiceOnceReadyWithTheOldAndTheNewSettings() throws Exception {
		try (BenchEnvironment env = environment()) {
			List<CostBenchmark.Result> results = CostBenchmark.run(env, 1, Duration.ZERO);

			results.forEach((result) -> System.out.println(result.row(1)));
			assertThat(results).extracting(CostBenchmark.Result::service, CostBenchmark.Result::settings)
				.containsExactly(tuple("crypto-producer", CostBenchmark.Settings.OLD),
						tuple("crypto-producer", CostBenchmark.Settings.NEW), tuple("crypto-consumer", CostBenchmark.Settings.OLD),
						tuple("crypto-consumer", CostBenchmark.Settings.NEW), tuple("crypto-api", CostBenchmark.Settings.OLD),
						tuple("crypto-api", CostBenchmark.Settings.NEW));
			assertThat(results).allSatisfy((result) -> {
				assertThat(result.toReadySeconds()).isPositive();
				// Spring's "Started … in" line was found
				assertThat(result.startedSeconds()).isPositive().isLessThanOrEqualTo(result.toReadySeconds());
				assertThat(result.contextSeconds()).isPositive().isLessThanOrEqualTo(result.startedSeconds());
				assertThat(result.residentMiB()).isPositive();
			});
		}
	}

	@Test
	void historyMakesItsDatasetOnceAndReadsTheSameDailyCandlesFromRollupsAsFromRawTicks(@TempDir Path dataDir)
			throws Exception {
		try (HistoryBenchmark.Dataset dataset = HistoryBenchmark.open(dataDir, ROOT, 2, 3)) {
			assertThat(dataset.reused()).isFalse();
			assertThat(dataset.points()).isEqualTo(2 * 3 * 1440);
			// the same candles both ways, or run throws
			HistoryBenchmark.Result result = HistoryBenchmark.run(dataset, 2);

			System.out.println(dataset.row());
			System.out.println(result.row());
			assertThat(result.candles()).isEqualTo(3);
			assertThat(dataset.influx()
				.gateway()
				.query(io.cryptoviz.influx.InfluxTarget.database("crypto-rollups"),
						"SELECT sum(ticks) FROM crypto_candle WHERE \"interval\" = '5m'")
				.get(0)
				.number("sum")).isEqualTo(2 * 3 * 1440.0);
		}
		try (HistoryBenchmark.Dataset again = HistoryBenchmark.open(dataDir, ROOT, 2, 3)) {
			assertThat(again.reused()).isTrue();
			assertThat(HistoryBenchmark.run(again, 1).candles()).isEqualTo(3);
		}
	}

	private static BenchEnvironment environment() throws Exception {
		return new BenchEnvironment(Files.createTempDirectory("cryptoviz-bench-smoke"), ROOT);
	}

}
