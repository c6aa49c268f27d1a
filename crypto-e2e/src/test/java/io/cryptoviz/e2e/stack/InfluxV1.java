package io.cryptoviz.e2e.stack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cryptoviz.testsupport.InfluxRows;

/**
 * InfluxDB's v1 {@code /query} as the API and Grafana call it on any InfluxDB: InfluxQL, a
 * database (on 2.x the bucket, through its DBRP mapping), and a token when one is needed. Rows come
 * back as {@link InfluxRows#of rows}, times in epoch milliseconds.
 */
public record InfluxV1(String url, String token) {

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** The HTTP status and body of a query, for tests of the answer itself (401 without a token). */
	public HttpAnswer send(String database, String influxQl) {
		String form = "db=" + URLEncoder.encode(database, StandardCharsets.UTF_8) + "&epoch=ms&q="
				+ URLEncoder.encode(influxQl, StandardCharsets.UTF_8);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.url + "/query"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (this.token != null && !this.token.isEmpty()) {
			request.header("Authorization", "Token " + this.token);
		}
		try {
			HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new HttpAnswer(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("InfluxDB query failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	public List<Map<String, Object>> query(String database, String influxQl) {
		HttpAnswer answer = send(database, influxQl);
		if (answer.status() != 200 || answer.body().contains("\"error\"")) {
			throw new IllegalStateException("InfluxDB answered " + answer.status() + ": " + answer.body());
		}
		return InfluxRows.of(answer.body());
	}

}
