package io.cryptoviz.api.web;

import java.util.Map;

import io.cryptoviz.api.ApiIntegrationTests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI description and Swagger UI, generated from the controllers and served offline. */
class OpenApiIntegrationTests extends ApiIntegrationTests {

	@Test
	void describesEveryEndpointWithItsParametersAndProblemAnswers() {
		JsonNode api = get("/v3/api-docs").json();

		assertThat(api.get("info").get("title").asString()).isEqualTo("CryptoViz API");
		assertThat(api.get("paths").propertyNames()).containsExactlyInAnyOrder("/api/v1/coins", "/api/v1/latest",
				"/api/v1/coins/{coin}/latest", "/api/v1/coins/{coin}/history", "/api/v1/coins/{coin}/candles",
				"/api/v1/compare", "/api/v1/sparklines", "/api/v1/stream", "/api/v1/history/progress",
				"/api/v1/coins/{coin}/indicators", "/api/v1/alerts", "/api/v1/alerts/{id}", "/api/v1/alerts/{id}/rearm");
		JsonNode indicators = api.get("paths").get("/api/v1/coins/{coin}/indicators").get("get");
		assertThat(indicators.get("parameters").valueStream().map((parameter) -> parameter.get("name").asString()))
			.containsExactly("coin", "indicators", "currency", "from", "to", "interval");
		assertThat(indicators.get("responses").propertyNames()).contains("200", "400", "404", "503");
		JsonNode create = api.get("paths").get("/api/v1/alerts").get("post");
		assertThat(create.get("responses").propertyNames()).contains("201", "400", "401", "403", "409");
		assertThat(api.get("paths").get("/api/v1/alerts/{id}").get("delete").get("responses").propertyNames())
			.contains("204", "401", "403", "404", "409");
		assertThat(api.get("paths").get("/api/v1/history/progress").get("get").get("responses").propertyNames())
			.containsExactlyInAnyOrder("200", "204");
		JsonNode history = api.get("paths").get("/api/v1/coins/{coin}/history").get("get");
		assertThat(history.get("parameters").valueStream().map((parameter) -> parameter.get("name").asString()))
			.containsExactly("coin", "field", "aggregation", "from", "to", "interval", "tier");
		assertThat(history.get("responses").propertyNames()).contains("200", "400", "404", "503");
		assertThat(history.get("responses").get("400").get("content").propertyNames())
			.containsExactly("application/problem+json");
		// the answers, not the wrapper that holds their JSON once cached
		assertThat(Map.of("/api/v1/coins/{coin}/history", "History", "/api/v1/coins/{coin}/candles", "Candles",
				"/api/v1/compare", "Comparison"))
			.allSatisfy((path, schema) -> assertThat(api.get("paths").get(path).get("get").get("responses").get("200")
				.get("content").valueStream().map((content) -> content.get("schema").get("$ref").asString()))
				.containsExactly("#/components/schemas/" + schema));
		JsonNode sparklines = api.get("paths").get("/api/v1/sparklines").get("get");
		assertThat(sparklines.get("parameters").valueStream().map((parameter) -> parameter.get("name").asString()))
			.containsExactly("coins", "currency");
		assertThat(sparklines.get("responses").propertyNames()).contains("200", "400", "404", "503");
		JsonNode latest = api.get("paths").get("/api/v1/coins/{coin}/latest").get("get");
		assertThat(latest.get("responses").propertyNames()).contains("200", "404", "503");
		assertThat(latest.get("responses").get("503").get("content").get("application/problem+json").get("schema")
			.get("$ref").asString()).isEqualTo("#/components/schemas/ProblemDetail");
		assertThat(api.get("components").get("schemas").has("ProblemDetail")).isTrue();
	}

	@Test
	void servesSwaggerUiFromTheApplication() {
		Answer ui = get("/swagger-ui/index.html");

		assertThat(ui.status()).isEqualTo(200);
		assertThat(ui.body()).contains("swagger-ui");
	}

}
