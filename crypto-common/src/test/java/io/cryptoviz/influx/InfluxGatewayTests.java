package io.cryptoviz.influx;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The gateway's writes against a stand-in that answers as InfluxDB does when it refuses: the
 * answers a real InfluxDB gives only under load or misconfiguration (413, 429, 503). The flow
 * tests of the services run the same code against a real InfluxDB.
 */
class InfluxGatewayTests {

	private final List<String> bodies = new CopyOnWriteArrayList<>();

	private final List<String> listened = new CopyOnWriteArrayList<>();

	private final WriteListener listener = new WriteListener() {

		@Override
		public void stored(int lines, Duration took) {
			InfluxGatewayTests.this.listened.add("stored " + lines);
		}

		@Override
		public void unavailable(InfluxUnavailableException failure) {
			InfluxGatewayTests.this.listened.add("unavailable " + failure.status());
		}

	};

	private HttpServer influx;

	@AfterEach
	void stop() {
		if (this.influx != null) {
			this.influx.stop(0);
		}
	}

	@Test
	void splitsARequestInfluxDbFindsTooLargeUntilItTakesEveryPart() throws IOException {
		// takes at most two lines a request, as a server with a small body limit would
		answer((body) -> (body.split("\n").length > 2) ? new Reply(413, "") : Reply.STORED);

		WriteResult result = write(5, List.of("m v=1 1", "m v=2 2", "m v=3 3", "m v=4 4", "m v=5 5"));

		assertThat(result.written()).isEqualTo(5);
		assertThat(result.rejected()).isEmpty();
		assertThat(this.listened).filteredOn((event) -> event.startsWith("stored"))
			.containsExactly("stored 2", "stored 1", "stored 2");
	}

	@Test
	void storesEveryLineButTheOneInfluxDbRefusesAndSaysWhy() throws IOException {
		answer((body) -> body.contains("bad") ? new Reply(400, "{\"error\":\"unable to parse 'bad'\"}") : Reply.STORED);

		WriteResult result = write(5000, List.of("m v=1 1", "bad", "m v=3 3", "m v=4 4"));

		assertThat(result.written()).isEqualTo(3);
		assertThat(result.rejected()).containsOnlyKeys(1);
		assertThat(result.rejected().get(1)).isEqualTo("InfluxDB refused the point (HTTP 400): unable to parse 'bad'");
	}

	@Test
	void writesInRequestsOfTheBatchSize() throws IOException {
		answer((body) -> Reply.STORED);

		write(2, List.of("m v=1 1", "m v=2 2", "m v=3 3"));

		assertThat(this.bodies).containsExactly("m v=1 1\nm v=2 2", "m v=3 3");
	}

	@Test
	void whenInfluxDbIsOverloadedThenUnavailableWithTheWaitItAskedFor() throws IOException {
		answer((body) -> new Reply(503, "{\"error\":\"busy\"}", "7"));

		assertThatExceptionOfType(InfluxUnavailableException.class).isThrownBy(() -> write(5000, List.of("m v=1 1")))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(503);
				assertThat(ex.retryAfter()).contains(Duration.ofSeconds(7));
				assertThat(ex.getMessage()).isEqualTo("InfluxDB answered HTTP 503: busy");
			});
		assertThat(this.listened).containsExactly("unavailable 503");
	}

	@Test
	void whenInfluxDbRefusesTheCredentialsThenUnavailableNamingTheSettingNotTheToken() throws IOException {
		answer((body) -> new Reply(401, "{\"error\":\"authorization failed\"}"));

		assertThatExceptionOfType(InfluxUnavailableException.class).isThrownBy(() -> write(5000, List.of("m v=1 1")))
			.withMessage("InfluxDB answered HTTP 401: authorization failed (check the token: influx.token, INFLUX_TOKEN)")
			.withMessageNotContaining("s3cret");
	}

	@Test
	void whenNothingListensThenUnavailableWithoutAStatus() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		try (InfluxGateway gateway = InfluxGateway.connect(InfluxProperties.of("http://127.0.0.1:" + port, null, "db"))) {
			assertThatExceptionOfType(InfluxUnavailableException.class)
				.isThrownBy(() -> gateway.write(gateway.target(), List.of("m v=1 1"), this.listener))
				.satisfies((ex) -> assertThat(ex.status()).isZero())
				.withMessageEndingWith("failed: connection refused");
		}
		assertThat(this.listened).containsExactly("unavailable 0");
	}

	private WriteResult write(int batchSize, List<String> lines) {
		InfluxProperties properties = new InfluxProperties("http://127.0.0.1:" + this.influx.getAddress().getPort(),
				"s3cret", "crypto-data", null, Duration.ofSeconds(5), Duration.ofSeconds(5), batchSize);
		try (InfluxGateway gateway = InfluxGateway.connect(properties)) {
			return gateway.write(gateway.target(), new ArrayList<>(lines), this.listener);
		}
	}

	private void answer(Function<String, Reply> answer) throws IOException {
		this.influx = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.influx.createContext("/write", (exchange) -> {
			try (exchange) {
				String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
				this.bodies.add(body);
				Reply reply = answer.apply(body);
				if (reply.retryAfter() != null) {
					exchange.getResponseHeaders().add("Retry-After", reply.retryAfter());
				}
				byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(reply.status(), (bytes.length == 0) ? -1 : bytes.length);
				exchange.getResponseBody().write(bytes);
			}
		});
		this.influx.start();
	}

	private record Reply(int status, String body, String retryAfter) {

		static final Reply STORED = new Reply(204, "");

		Reply(int status, String body) {
			this(status, body, null);
		}

	}

}
