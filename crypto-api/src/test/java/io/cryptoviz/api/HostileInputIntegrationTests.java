package io.cryptoviz.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile battery of {@link MalformedInputTests} over real HTTP, against the real InfluxDB:
 * every value in every parameter of every endpoint, URL-encoded as a client would send it and
 * raw as an attacker might (broken percent-encoding, overlong UTF-8). Every answer is a 4xx
 * problem, none a 5xx, and InfluxDB holds exactly what it held before.
 */
class HostileInputIntegrationTests extends ApiIntegrationTests {

	/** Already percent-encoded as they stand: encodings a client library would never produce. */
	private static final List<String> RAW = List.of("%", "%ZZ", "%C3%28", "%C0%AF", "%ED%A0%80", "%FF%FE", "%E2%80%AE",
			"%25%32%37", "%0d%0aSet-Cookie:x=1", "bitcoin%00", "%2e%2e%2f%2e%2e%2f", "a%20OR%201%3D1");

	private static final String[][] ENDPOINTS = {
			{ "/api/v1/coins/bitcoin/history", "field", "aggregation", "from", "to", "interval" },
			{ "/api/v1/coins/bitcoin/candles", "currency", "from", "to", "interval" },
			{ "/api/v1/compare", "coins", "currency", "from", "to", "interval" } };

	@Test
	void noHostileParameterGetsAServerErrorOrChangesStoredData() {
		store(tick("ethereum", "2025-03-12T10:00:00Z", 2000.0, 1850.0, 1.0, 2.4e11, 1.1e10, "coingecko"));
		String before = storedData();
		List<String> requests = new ArrayList<>();
		for (String[] endpoint : ENDPOINTS) {
			for (int i = 1; i < endpoint.length; i++) {
				for (String value : MalformedInputTests.HOSTILE) {
					requests.add(endpoint[0] + "?" + endpoint[i] + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
				}
				for (String raw : RAW) {
					requests.add(endpoint[0] + "?" + endpoint[i] + "=" + raw);
				}
			}
		}
		for (String value : MalformedInputTests.HOSTILE) {
			String coin = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
			requests.add("/api/v1/coins/" + coin + "/latest");
			requests.add("/api/v1/coins/" + coin + "/history");
		}
		// inverted and huge ranges
		requests.add("/api/v1/coins/bitcoin/history?from=2025-10-31T00:00:00Z&to=2025-10-30T00:00:00Z");
		requests.add("/api/v1/coins/bitcoin/history?from=1970-01-01T00:00:00Z&to=2199-12-31T00:00:00Z&interval=1m");
		requests.add("/api/v1/compare?from=1970-01-01&to=2199-12-31&interval=1m");

		SoftAssertions softly = new SoftAssertions();
		for (String request : requests) {
			Answer answer = getRaw(request);
			softly.assertThat(answer.status()).as("%s → %s", request, answer.body()).isBetween(400, 499);
			softly.assertThat(answer.contentType()).as(request).startsWith("application/problem+json");
		}
		softly.assertAll();
		assertThat(requests).hasSizeGreaterThan(600);
		assertThat(storedData()).isEqualTo(before);
	}

	/** What InfluxDB holds, in a form to compare: databases, measurements, every point. */
	private static String storedData() {
		return influx().gateway().query("SHOW DATABASES") + "" + influx().gateway().query("SHOW MEASUREMENTS")
				+ influx().gateway().query("SELECT * FROM crypto_price");
	}

	/** A GET of a path and query sent exactly as written, without any further encoding. */
	private Answer getRaw(String pathAndQuery) {
		try (java.net.Socket socket = new java.net.Socket("localhost", this.port)) {
			socket.setSoTimeout(30_000);
			socket.getOutputStream()
				.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
			String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			int status = Integer.parseInt(response.substring(9, 12));
			String contentType = response.lines()
				.filter((line) -> line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:"))
				.map((line) -> line.substring("content-type:".length()).trim())
				.findFirst()
				.orElse("");
			int bodyStart = response.indexOf("\r\n\r\n");
			return new Answer(status, contentType, null, (bodyStart < 0) ? "" : response.substring(bodyStart + 4));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
