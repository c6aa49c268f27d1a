package io.cryptoviz.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cryptoviz.devstack.ServiceProcess;
import io.cryptoviz.influx.CryptoPriceSchema;
import io.cryptoviz.influx.InfluxTarget;
import io.cryptoviz.influx.Row;
import io.cryptoviz.influx.WriteListener;
import io.cryptoviz.influx.WriteResult;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickJson;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Ingest throughput, on the same InfluxDB in one run: the consumer draining a preloaded topic,
 * with its candle rollups and without them (a consumer group and databases each); the ceiling,
 * the best of 1, 2 and 4 direct writers in parallel posting pre-built line protocol in 5,000-line
 * batches (the consumer writes from three threads, and InfluxDB takes more from two writers than
 * from one); and the prototype's pattern, one synchronous HTTP write per point. Each is timed in
 * steady state, over the last four fifths of its points: the first fifth warms up JIT compilers
 * and caches (the consumer's compiler threads alone spend seconds of CPU on its first ticks).
 */
final class IngestBenchmark {

	static final int BATCH = 5_000;

	/** The direct writers in parallel whose best is the ceiling. */
	static final List<Integer> CEILING_WRITERS = List.of(1, 2, 4);

	private IngestBenchmark() {
	}

	/**
	 * @param ticks ticks preloaded into the topic, and written by the ceiling writer
	 * @param coins distinct coins among them
	 * @param prototypeSample points written one request each (the pattern is too slow for all)
	 */
	static Result run(BenchEnvironment env, int ticks, int coins, int prototypeSample) throws Exception {
		List<PriceTick> generated = Ticks.generate(ticks, coins);
		List<String> lines = generated.stream().map(CryptoPriceSchema::toLineProtocol).toList();
		for (String database : List.of("prototype", "consumer", "consumer-raw-only", "consumer-rollups")) {
			env.influx.createDatabase(database);
		}
		CEILING_WRITERS.forEach((writers) -> env.influx.createDatabase(ceilingDatabase(writers)));
		preload(env, generated);

		long influxPid = env.influx.pid();
		Map<Integer, Double> ceilings = new java.util.TreeMap<>();
		for (int writers : CEILING_WRITERS) {
			double influxCpu = BenchEnvironment.cpuSeconds(influxPid);
			ceilings.put(writers, timeWrites(env, ceilingDatabase(writers), lines, BATCH, writers));
			System.out.printf("ceiling, %d writer%s: %,.0f points/s; InfluxDB used %.1f µs of CPU per point%n", writers,
					(writers == 1) ? "" : "s", ceilings.get(writers),
					1e6 * (BenchEnvironment.cpuSeconds(influxPid) - influxCpu) / ticks);
		}
		double prototype = timeWrites(env, "prototype", lines.subList(0, Math.min(prototypeSample, ticks)), 1, 1);
		double rawOnly = timeConsumer(env, ticks, "consumer-raw-only", false);
		double consumer = timeConsumer(env, ticks, "consumer", true);
		return new Result(ticks, coins, ceilings, prototype, consumer, rawOnly);
	}

	private static void preload(BenchEnvironment env, List<PriceTick> ticks) throws Exception {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(env.producerProperties(),
				new StringSerializer(), new ByteArraySerializer())) {
			for (PriceTick tick : ticks) {
				producer.send(new ProducerRecord<>(BenchEnvironment.TOPIC, tick.key(),
						TickJson.strictMapper().writeValueAsBytes(tick)));
			}
			producer.flush();
		}
	}

	static String ceilingDatabase(int writers) {
		return "ceiling-" + writers;
	}

	/**
	 * Posts the lines in requests of {@code batch} lines through the gateway the consumer writes
	 * with, from {@code writers} threads that each take the next request when their last one is
	 * answered; points per second. Each request's body is joined beforehand, so a writer does
	 * nothing but send it. The clock starts when the first request past the warm-up fifth is taken.
	 */
	static double timeWrites(BenchEnvironment env, String database, List<String> lines, int batch, int writers)
			throws InterruptedException {
		InfluxTarget target = InfluxTarget.database(database);
		List<List<String>> bodies = new java.util.ArrayList<>();
		for (int from = 0; from < lines.size(); from += batch) {
			bodies.add(List.of(String.join("\n", lines.subList(from, Math.min(lines.size(), from + batch)))));
		}
		int warmUp = bodies.size() / 5;
		java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
		java.util.concurrent.atomic.AtomicLong start = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
		java.util.concurrent.ConcurrentLinkedQueue<RuntimeException> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
		Runnable writer = () -> {
			for (int i = next.getAndIncrement(); i < bodies.size() && failures.isEmpty(); i = next.getAndIncrement()) {
				if (i == warmUp) {
					start.set(System.nanoTime());
				}
				try {
					WriteResult written = env.influx.gateway().write(target, bodies.get(i), WriteListener.NONE);
					if (!written.rejected().isEmpty()) {
						throw new IllegalStateException("write to " + database + " refused: " + written.rejected());
					}
				}
				catch (RuntimeException ex) {
					failures.add(ex);
				}
			}
		};
		List<Thread> threads = new java.util.ArrayList<>();
		for (int w = 0; w < writers; w++) {
			Thread thread = new Thread(writer, "writer-" + w);
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		if (!failures.isEmpty()) {
			throw failures.peek();
		}
		int timedLines = lines.size() - Math.min(lines.size(), warmUp * batch);
		return timedLines / seconds(System.nanoTime() - start.get());
	}

	/**
	 * Starts the consumer on the preloaded topic, as a consumer group of its own, and times it from
	 * its first stored point to its last, read off its own {@code crypto.points.written} meter.
	 */
	private static double timeConsumer(BenchEnvironment env, int ticks, String database, boolean rollups) {
		Map<String, String> settings = new java.util.HashMap<>(Map.of("INFLUX_DATABASE", database,
				"SPRING_KAFKA_CONSUMER_GROUP_ID", "bench-" + database, "CRYPTOVIZ_ROLLUPS_ENABLED",
				String.valueOf(rollups), "CRYPTOVIZ_ROLLUPS_DATABASE", "consumer-rollups"));
		String profile = System.getProperty("cryptoviz.bench.profile");
		if (profile != null) {
			settings.put("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=filename=" + profile + ",settings=profile");
		}
		ServiceProcess consumer = env.start("crypto-consumer", settings);
		long influxPid = env.influx.pid();
		double influxCpu = BenchEnvironment.cpuSeconds(influxPid);
		double consumerCpu = BenchEnvironment.cpuSeconds(consumer.pid());
		// the meter is read once a second (a million ticks), so reading it costs the consumer next to
		// nothing; the rate is taken between the first reading past a fifth of the ticks (the JVM
		// compiles the hot code while it stores the first ones) and the last below the total
		long sampleEvery = Math.max(20, Math.min(1000, ticks / 1000));
		long first = 0;
		double firstCount = 0;
		long lastBelow = 0;
		Map<String, Double> threadsAtFirst = Map.of();
		double lastBelowCount = 0;
		double written = 0;
		long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
		while (written < ticks) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the consumer stored " + written + " of " + ticks + " in 30 minutes");
			}
			long now = System.nanoTime();
			written = env.metric(consumer, "crypto_points_written_total");
			if (first == 0 && written >= ticks / 5) {
				first = now;
				firstCount = written;
				threadsAtFirst = BenchEnvironment.threadCpu(consumer.pid());
			}
			if (written < ticks) {
				lastBelow = now;
				lastBelowCount = written;
			}
			BenchEnvironment.pause(sampleEvery);
		}
		long stored = count(env, database);
		if (stored != ticks) {
			throw new IllegalStateException("InfluxDB holds " + stored + " points, expected " + ticks);
		}
		System.out.printf("consumer (rollups %s): InfluxDB used %.1f µs of CPU per point, the consumer %.1f µs%n",
				rollups ? "on" : "off",
				1e6 * (BenchEnvironment.cpuSeconds(influxPid) - influxCpu) / ticks,
				1e6 * (BenchEnvironment.cpuSeconds(consumer.pid()) - consumerCpu) / ticks);
		if (System.getProperty("cryptoviz.bench.threads") != null) {
			BenchEnvironment.printThreadCpu(threadsAtFirst, BenchEnvironment.threadCpu(consumer.pid()),
					(long) (written - firstCount));
		}
		double batches = env.metric(consumer, "crypto_consumer_batch_size_count");
		double writes = env.metric(consumer, "crypto_influx_write_seconds_count");
		System.out.printf("consumer: %.0f polls of %.0f records on average; %.0f writes of %.1f ms on average%n",
				batches, env.metric(consumer, "crypto_consumer_batch_size_sum") / batches, writes,
				1000 * env.metric(consumer, "crypto_influx_write_seconds_sum") / writes);
		if (rollups) {
			double updates = env.metric(consumer, "crypto_rollups_update_seconds_count");
			System.out.printf("consumer: %.0f rollup updates of %.1f ms on average, %.0f candles written, %.0f buckets read back%n",
					updates, 1000 * env.metric(consumer, "crypto_rollups_update_seconds_sum") / updates,
					env.metric(consumer, "crypto_rollups_candles_written_total"),
					env.metric(consumer, "crypto_rollups_buckets_loaded_total"));
		}
		consumer.stop();
		if (lastBelow <= first) {
			throw new IllegalStateException("the consumer stored everything between two readings: use more ticks");
		}
		return (lastBelowCount - firstCount) / seconds(lastBelow - first);
	}

	static long count(BenchEnvironment env, String database) {
		List<Row> count = env.influx.gateway()
			.query(InfluxTarget.database(database), "SELECT count(price_usd) FROM crypto_price");
		return count.isEmpty() ? 0 : count.get(0).number("count").longValue();
	}

	private static double seconds(long nanos) {
		return nanos / 1e9;
	}

	/**
	 * @param ceilings points per second of the direct writers, by how many wrote in parallel
	 * @param consumerPerSecond the consumer as it runs by default, with rollups
	 * @param rawOnlyPerSecond the consumer with rollups off
	 */
	record Result(int ticks, int coins, Map<Integer, Double> ceilings, double prototypePerSecond,
			double consumerPerSecond, double rawOnlyPerSecond) {

		/** The ceiling: the best of the direct writers. */
		double ceilingPerSecond() {
			return this.ceilings.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
		}

		int ceilingWriters() {
			return this.ceilings.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
		}

		double consumerToCeiling() {
			return this.consumerPerSecond / ceilingPerSecond();
		}

		double consumerToPrototype() {
			return this.consumerPerSecond / this.prototypePerSecond;
		}

		static final String HEADER = """
				| ingest | consumer points/s | ceiling points/s (writers) | 1 / 2 / 4 writers points/s | prototype points/s | consumer/ceiling | consumer/prototype | without rollups points/s | without rollups/ceiling | with/without rollups |
				| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |""";

		String row() {
			return "| %,d ticks, %d coins | %,.0f | %,.0f (%d) | %s | %,.0f | %.0f %% | %.0f× | %,.0f | %.0f %% | %.0f %% |"
				.formatted(this.ticks, this.coins, this.consumerPerSecond, ceilingPerSecond(), ceilingWriters(),
						String.join(" / ",
								this.ceilings.values().stream().map((rate) -> "%,.0f".formatted(rate)).toList()),
						this.prototypePerSecond, 100 * consumerToCeiling(), consumerToPrototype(),
						this.rawOnlyPerSecond, 100 * this.rawOnlyPerSecond / ceilingPerSecond(),
						100 * this.consumerPerSecond / this.rawOnlyPerSecond);
		}

	}

}
