package io.cryptoviz.api.problem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.cryptoviz.api.ApiIntegrationTests;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that Tomcat refuses before any servlet runs, or that Spring cannot decode, sent as
 * raw bytes (an HTTP client would refuse to send most of them): each gets a 400 problem.
 */
class ProblemIntegrationTests extends ApiIntegrationTests {

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/coins/bit%ZZcoin/latest", "/api/v1/coins/a%2Fb/latest",
			"/api/v1/coins/%00/latest", "/api/v1/coins/a|b/latest", "/api/v1/latest?x=a{b}",
			"/api/v1/coins/bitcoin/history?from=%ZZ", "/api/v1/coins/bitcoin/history?field=%C0%AE",
			"/api/v1/coins/bitcoin/history?interval=%FF%FE" })
	void whatCannotBeDecodedGetsA400Problem(String target) throws IOException {
		String response = raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 400");
		assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
		assertThat(response).contains("\"status\":400");
	}

	@ParameterizedTest
	@ValueSource(strings = { "GARBAGE\r\n\r\n", "GET /api/v1/latest HTTP/9.9\r\nHost: localhost\r\n\r\n" })
	void aMalformedRequestGetsA4xxOr5xxProblemNotAnHtmlPage(String request) throws IOException {
		String response = raw(request);

		assertThat(response).doesNotContain("<html");
		assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
	}

	@org.junit.jupiter.api.Test
	void anOverLongRequestGetsAProblem() throws IOException {
		String response = raw("GET /api/v1/coins/bitcoin/history?from=" + "9".repeat(20_000)
				+ " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 4");
		assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
	}

	private String raw(String request) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			socket.shutdownOutput();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			in.transferTo(response);
			return response.toString(StandardCharsets.UTF_8);
		}
	}

}
