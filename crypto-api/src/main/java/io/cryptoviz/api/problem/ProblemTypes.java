package io.cryptoviz.api.problem;

import java.net.URI;

/**
 * The problem types of the API. They are URNs: identifiers a client can switch on, which the
 * README documents, not pages to fetch.
 */
final class ProblemTypes {

	static final URI INVALID_PARAMETER = URI.create("urn:cryptoviz:problem:invalid-parameter");

	static final URI TOO_MANY_POINTS = URI.create("urn:cryptoviz:problem:too-many-points");

	static final URI UNKNOWN_COIN = URI.create("urn:cryptoviz:problem:unknown-coin");

	static final URI NO_DATA = URI.create("urn:cryptoviz:problem:no-data");

	static final URI INFLUX_UNAVAILABLE = URI.create("urn:cryptoviz:problem:influxdb-unavailable");

	static final URI STREAM_FULL = URI.create("urn:cryptoviz:problem:stream-full");

	static final URI INVALID_RULE = URI.create("urn:cryptoviz:problem:invalid-rule");

	static final URI UNKNOWN_RULE = URI.create("urn:cryptoviz:problem:unknown-rule");

	static final URI RULE_IN_CONFIGURATION = URI.create("urn:cryptoviz:problem:rule-in-configuration");

	static final URI AUTHENTICATION_REQUIRED = URI.create("urn:cryptoviz:problem:authentication-required");

	static final URI FORBIDDEN = URI.create("urn:cryptoviz:problem:forbidden");

	private ProblemTypes() {
	}

}
