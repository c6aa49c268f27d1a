package io.cryptoviz.api.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

import io.cryptoviz.api.ApiIntegrationTests;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the API sends gzipped to a client that accepts it, and what never. */
class CompressionIntegrationTests extends ApiIntegrationTests {

	@Test
	void thePagesScriptAndJsonAnswersAreGzippedForAClientThatAcceptsIt() throws Exception {
		for (String path : new String[] { "/app.js", "/webjars/echarts/dist/echarts.min.js", "/v3/api-docs" }) {
			HttpResponse<byte[]> plain = send(path, false, HttpResponse.BodyHandlers.ofByteArray());
			HttpResponse<byte[]> gzipped = send(path, true, HttpResponse.BodyHandlers.ofByteArray());

			assertThat(plain.headers().firstValue("Content-Encoding")).as(path).isEmpty();
			assertThat(gzipped.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
			assertThat(gzipped.headers().allValues("Vary")).as(path).anySatisfy((vary) -> assertThat(vary).containsIgnoringCase("accept-encoding"));
			assertThat(gzipped.body().length).as(path).isLessThan(plain.body().length / 2);
			try (InputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
				assertThat(unzipped.readAllBytes()).as(path).isEqualTo(plain.body());
			}
		}
	}

	@Test
	void theLiveStreamIsNeverCompressedWhichWouldHoldItsEventsBack() throws Exception {
		HttpResponse<InputStream> stream = send("/api/v1/stream", true, HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream body = stream.body()) {
			assertThat(stream.statusCode()).isEqualTo(200);
			assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("text/event-stream"));
			assertThat(stream.headers().firstValue("Content-Encoding")).isEmpty();
		}
	}

	private <T> HttpResponse<T> send(String path, boolean gzip, HttpResponse.BodyHandler<T> handler)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30));
		if (gzip) {
			request.header("Accept-Encoding", "gzip");
		}
		return http().send(request.GET().build(), handler);
	}

}
