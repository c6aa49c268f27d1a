package io.cryptoviz.influx;

import java.time.Duration;

/** Hears how each write request went, for the caller's meters: the gateway itself keeps none. */
public interface WriteListener {

	/** Hears nothing. */
	WriteListener NONE = new WriteListener() {
	};

	/** InfluxDB stored a request's lines. */
	default void stored(int lines, Duration took) {
	}

	/** InfluxDB did not take a request now; the write throws {@code failure} next. */
	default void unavailable(InfluxUnavailableException failure) {
	}

}
