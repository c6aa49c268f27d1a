package io.cryptoviz.api.problem;

import java.net.URI;

/**
 * The problem types of the API. They are URNs: identifiers a client can switch on, which the
 * README documents, not pages to fetch.
 */
public final class ProblemTypes {

	public static final URI INVALID_PARAMETER = URI.create("urn:cryptoviz:problem:invalid-parameter");

	public static final URI TOO_MANY_POINTS = URI.create("urn:cryptoviz:problem:too-many-points");

	public static final URI UNKNOWN_COIN = URI.create("urn:cryptoviz:problem:unknown-coin");

	public static final URI NO_DATA = URI.create("urn:cryptoviz:problem:no-data");

	public static final URI INFLUX_UNAVAILABLE = URI.create("urn:cryptoviz:problem:influxdb-unavailable");

	public static final URI STREAM_FULL = URI.create("urn:cryptoviz:problem:stream-full");

	private ProblemTypes() {
	}

}
