package io.cryptoviz.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every benchmark at a small size, so that the benchmarks keep working as the services change.
 * Timings are printed, never asserted: on a shared machine they prove nothing.
 */
class BenchmarkSmokeIT {

	private static final Path ROOT = Path.of(System.getProperty("cryptoviz.project-root", "..")).toAbsolutePath();

	@Test
	void ingestStoresEveryPreloadedTickFourWaysAndTheConsumerItsCandles() throws Exception {
		try (BenchEnvironment env = environment()) {
			IngestBenchmark.Result result = IngestBenchmark.run(env, 20_000, 10, 200);

			System.out.println(result.row());
			assertThat(IngestBenchmark.count(env, "ceiling")).isEqualTo(20_000);
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
	void costMeasuresEveryServiceOnceReady() throws Exception {
		try (BenchEnvironment env = environment()) {
			List<CostBenchmark.Result> results = CostBenchmark.run(env);

			assertThat(results).extracting(CostBenchmark.Result::service)
				.containsExactly("crypto-producer", "crypto-consumer", "crypto-api");
			assertThat(results).allSatisfy((result) -> {
				assertThat(result.startupSeconds()).isPositive();
				assertThat(result.residentMiB()).isPositive();
			});
		}
	}

	private static BenchEnvironment environment() throws Exception {
		return new BenchEnvironment(Files.createTempDirectory("cryptoviz-bench-smoke"), ROOT);
	}

}
