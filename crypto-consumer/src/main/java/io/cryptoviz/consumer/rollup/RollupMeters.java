package io.cryptoviz.consumer.rollup;

import java.time.Duration;

import io.cryptoviz.consumer.write.WriteMeters;
import io.cryptoviz.influx.InfluxUnavailableException;
import io.cryptoviz.influx.WriteListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The meters of the rollups: time to merge a poll's ticks into its candles and store them,
 * candles written, write requests, candles InfluxDB refused, buckets read back from InfluxDB, and
 * the members held in memory. A failed write is one of the consumer's InfluxDB write failures
 * ({@link WriteMeters}), whose {@code Retry-After} the back-off honours.
 */
@Component
class RollupMeters implements WriteListener {

	private final Timer updates;

	private final Timer writes;

	private final Counter candles;

	private final Counter rejected;

	private final Counter loaded;

	private final MeterRegistry registry;

	private final WriteMeters writeMeters;

	RollupMeters(MeterRegistry meters, WriteMeters writeMeters) {
		this.updates = Timer.builder("crypto.rollups.update")
			.description("Merging one stored poll into its candles and storing them (reads of buckets not in memory, writes)")
			.publishPercentileHistogram()
			.register(meters);
		this.writes = Timer.builder("crypto.rollups.write")
			.description("Write requests of candles to InfluxDB that succeeded")
			.register(meters);
		this.candles = meters.counter("crypto.rollups.candles.written");
		this.rejected = meters.counter("crypto.rollups.candles.rejected");
		this.loaded = Counter.builder("crypto.rollups.buckets.loaded")
			.description("Buckets read back from InfluxDB because they were not in memory (late ticks, restarts, rebalances)")
			.register(meters);
		this.registry = meters;
		this.writeMeters = writeMeters;
	}

	void updated(Duration took) {
		this.updates.record(took);
	}

	void loaded(int buckets) {
		this.loaded.increment(buckets);
	}

	/** The members of the buckets held in memory, the figure that {@code cryptoviz.rollups.cached-members} bounds. */
	void watch(BucketCache buckets) {
		Gauge.builder("crypto.rollups.buckets.members", buckets, BucketCache::members)
			.description("Members (raw points, finer candles) of the buckets the consumer holds in memory")
			.register(this.registry);
	}

	void rejected(int candles) {
		this.rejected.increment(candles);
	}

	@Override
	public void stored(int lines, Duration took) {
		this.writes.record(took);
		this.candles.increment(lines);
	}

	@Override
	public void unavailable(InfluxUnavailableException failure) {
		this.writeMeters.unavailable(failure);
	}

}
