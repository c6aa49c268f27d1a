package io.cryptoviz.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cryptoviz.devstack.InfluxDbServer;
import io.cryptoviz.devstack.ServiceProcess;

/**
 * What each service costs: the time from launching its JVM to its readiness probe answering UP,
 * and its resident memory once ready (JVM defaults, as in the containers).
 */
final class CostBenchmark {

	private CostBenchmark() {
	}

	static List<Result> run(BenchEnvironment env) {
		env.influx.createDatabases();
		List<Result> results = new ArrayList<>();
		for (String service : List.of("crypto-producer", "crypto-consumer", "crypto-api")) {
			Map<String, String> settings = service.equals("crypto-producer")
					? Map.of("CRYPTOVIZ_PRODUCER_SOURCE", "simulated") : Map.of();
			long start = System.nanoTime();
			ServiceProcess process = env.start(service, settings);
			double startupSeconds = (System.nanoTime() - start) / 1e9;
			results.add(new Result(service, startupSeconds, BenchEnvironment.residentMiB(process.pid())));
			process.stop();
		}
		return results;
	}

	record Result(String service, double startupSeconds, double residentMiB) {
	}

}
