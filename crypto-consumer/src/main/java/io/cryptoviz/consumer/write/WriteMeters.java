package io.cryptoviz.consumer.write;

import java.time.Duration;

import io.cryptoviz.influx.InfluxUnavailableException;
import io.cryptoviz.influx.WriteListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The meters of the consumer's write requests to InfluxDB: time of those it took, points
 * written, failures by cause. A {@code Retry-After} in a failure goes to the back-off.
 */
@Component
public class WriteMeters implements WriteListener {

	private final MeterRegistry meters;

	private final Timer writes;

	private final Counter points;

	private final RetryAfterHint retryAfter;

	WriteMeters(MeterRegistry meters, RetryAfterHint retryAfter) {
		this.meters = meters;
		this.writes = Timer.builder("crypto.influx.write")
			.description("Write requests to InfluxDB that succeeded")
			.publishPercentileHistogram()
			.register(meters);
		this.points = meters.counter("crypto.points.written");
		this.retryAfter = retryAfter;
	}

	@Override
	public void stored(int lines, Duration took) {
		this.writes.record(took);
		this.points.increment(lines);
	}

	@Override
	public void unavailable(InfluxUnavailableException failure) {
		String cause = (failure.status() > 0) ? String.valueOf(failure.status()) : "io_error";
		this.meters.counter("crypto.influx.write.failures", "cause", cause).increment();
		failure.retryAfter().ifPresent(this.retryAfter::waitAtLeast);
	}

}
