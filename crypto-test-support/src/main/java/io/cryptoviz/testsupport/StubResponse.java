package io.cryptoviz.testsupport;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One canned answer of {@link CoinGeckoStub}.
 *
 * @param status HTTP status
 * @param body response body
 * @param headers response headers
 * @param delay how long to wait before answering (longer than the client's read timeout makes a
 * timeout)
 */
public record StubResponse(int status, String body, Map<String, String> headers, Duration delay) {

	public static StubResponse ok(String body) {
		return new StubResponse(200, body, Map.of("Content-Type", "application/json"), Duration.ZERO);
	}

	/** A 200 whose body is one of the CoinGecko fixtures, e.g. {@code simple_price.json}. */
	public static StubResponse fixture(String name) {
		return ok(Fixtures.coinGecko(name));
	}

	public static StubResponse status(int status, String body) {
		return new StubResponse(status, body, Map.of("Content-Type", "application/json"), Duration.ZERO);
	}

	/** CoinGecko's rate-limit answer, with {@code Retry-After} when {@code retryAfterSeconds} is set. */
	public static StubResponse rateLimited(Integer retryAfterSeconds) {
		StubResponse response = status(429, Fixtures.coinGecko("rate_limited.json"));
		return (retryAfterSeconds != null) ? response.withHeader("Retry-After", retryAfterSeconds.toString())
				: response;
	}

	/** CoinGecko's answer once the month's credits are used up: 429 with error 10006. */
	public static StubResponse quotaExhausted() {
		return status(429, Fixtures.coinGecko("quota_exhausted.json"));
	}

	public StubResponse withHeader(String name, String value) {
		Map<String, String> copy = new LinkedHashMap<>(this.headers);
		copy.put(name, value);
		return new StubResponse(this.status, this.body, copy, this.delay);
	}

	public StubResponse delayedBy(Duration delay) {
		return new StubResponse(this.status, this.body, this.headers, delay);
	}

}
