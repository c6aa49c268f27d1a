package io.cryptoviz.e2e.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What a service answered to a GET, for tests that read its endpoints. */
public record HttpAnswer(int status, String body) {

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	public static HttpAnswer get(String url) {
		try {
			HttpResponse<String> response = CLIENT.send(
					HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			return new HttpAnswer(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + url + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
