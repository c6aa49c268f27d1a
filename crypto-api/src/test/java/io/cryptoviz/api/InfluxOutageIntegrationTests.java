package io.cryptoviz.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** InfluxDB going away and coming back, for real: the server is stopped and started again. */
class InfluxOutageIntegrationTests extends ApiIntegrationTests {

	@Test
	void whileInfluxDbIsDownRequestsGet503ProblemsAndAnswersComeBackWithIt() {
		assertThat(get("/api/v1/latest").status()).isEqualTo(200);
		influx().stop();
		try {
			for (String path : new String[] { "/api/v1/latest", "/api/v1/coins", "/api/v1/coins/bitcoin/latest",
					"/api/v1/coins/bitcoin/history", "/api/v1/coins/bitcoin/candles", "/api/v1/compare" }) {
				Answer answer = get(path);

				assertThat(answer.status()).as(path).isEqualTo(503);
				assertThat(answer.contentType()).as(path).isEqualTo("application/problem+json");
				assertThat(answer.retryAfter()).as(path).isEqualTo("5");
				assertThat(answer.json().get("type").asString()).isEqualTo("urn:cryptoviz:problem:influxdb-unavailable");
			}
			// a bad request is still the client's fault, whatever the database does
			assertThat(get("/api/v1/coins/bitcoin/history?interval=2m").status()).isEqualTo(400);
		}
		finally {
			influx().start();
		}
		assertThat(get("/api/v1/latest").status()).isEqualTo(200);
	}

}
