package io.cryptoviz.consumer.rollup;

import java.time.Duration;

import io.cryptoviz.consumer.write.WriteMeters;
import io.cryptoviz.influx.InfluxUnavailableException;
import io.cryptoviz.influx.WriteListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The meters of the rollups: time to recompute a poll's candles, candles written, write requests,
 * candles InfluxDB refused. A failed write is one of the consumer's InfluxDB write failures
 * ({@link WriteMeters}), whose {@code Retry-After} the back-off honours.
 */
@Component
class RollupMeters implements WriteListener {

	private final Timer updates;

	private final Timer writes;

	private final Counter candles;

	private final Counter rejected;

	private final WriteMeters writeMeters;

	RollupMeters(MeterRegistry meters, WriteMeters writeMeters) {
		this.updates = Timer.builder("crypto.rollups.update")
			.description("Recomputing the candles of one stored poll (queries and writes)")
			.publishPercentileHistogram()
			.register(meters);
		this.writes = Timer.builder("crypto.rollups.write")
			.description("Write requests of candles to InfluxDB that succeeded")
			.register(meters);
		this.candles = meters.counter("crypto.rollups.candles.written");
		this.rejected = meters.counter("crypto.rollups.candles.rejected");
		this.writeMeters = writeMeters;
	}

	void updated(Duration took) {
		this.updates.record(took);
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
