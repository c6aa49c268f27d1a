package io.cryptoviz.producer.coingecko;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

import io.cryptoviz.http.RetryAfter;
import io.cryptoviz.producer.budget.CallBudget;
import io.cryptoviz.producer.budget.CallBudget.Purpose;
import io.cryptoviz.producer.source.PriceSourceException;
import io.cryptoviz.producer.source.PriceSourceException.Kind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

/**
 * CoinGecko's HTTP API: waits for the call's turn in the {@link CallBudget}, sends the request, sorts
 * failures into {@link PriceSourceException} kinds, and hands back the parsed JSON. Every call to
 * CoinGecko goes through here, so every call is counted. Knows nothing of ticks.
 */
public class CoinGeckoClient {

	private static final int MAX_ERROR_TEXT = 200;

	/**
	 * CoinGecko's error code for a month whose credits are used up. Its error table does not list it;
	 * clients that met it report {@code 429} with {@code "error_code":10006} and a message such as
	 * "You have reached 10,000 calls limit.".
	 */
	static final int QUOTA_EXHAUSTED = 10006;

	private final CallBudget budget;

	private final RestClient http;

	private final JsonMapper json;

	private final MeterRegistry meters;

	private final Clock clock;

	public CoinGeckoClient(CoinGeckoProperties properties, CallBudget budget, JsonMapper json, MeterRegistry meters,
			Clock clock) {
		this.budget = budget;
		HttpClient httpClient = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(properties.readTimeout());
		RestClient.Builder builder = RestClient.builder()
			.baseUrl(properties.baseUrl().toString())
			.requestFactory(requestFactory)
			.defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE)
			.defaultHeader(HttpHeaders.USER_AGENT, "CryptoViz");
		if (properties.hasApiKey()) {
			builder.defaultHeader(properties.apiKeyType().header(), properties.apiKey());
		}
		this.http = builder.build();
		this.json = json;
		this.meters = meters;
		this.clock = clock;
	}

	/**
	 * GET {@code path} with the query the function builds, once the budget gives the call its turn, and
	 * the body as JSON.
	 * @param purpose what the call is for: history waits for what live work leaves
	 * @throws PriceSourceException when CoinGecko does not answer with JSON, or the wait for a turn was
	 * interrupted ({@code INTERRUPTED}, the thread's interrupt flag set again)
	 */
	public JsonNode get(Purpose purpose, String path, Function<UriBuilder, UriBuilder> query) {
		return get(purpose, path, query, false);
	}

	/**
	 * As {@link #get(Purpose, String, Function)}, for the endpoints that answer a JSON array
	 * ({@code /coins/markets}).
	 */
	public JsonNode getArray(Purpose purpose, String path, Function<UriBuilder, UriBuilder> query) {
		return get(purpose, path, query, true);
	}

	private JsonNode get(Purpose purpose, String path, Function<UriBuilder, UriBuilder> query, boolean array) {
		try {
			this.budget.awaitTurn(purpose);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PriceSourceException(Kind.INTERRUPTED,
					"interrupted while waiting for a turn in CoinGecko's call budget");
		}
		Timer.Sample sample = Timer.start(this.meters);
		String outcome = "success";
		try {
			JsonNode body = this.http.get()
				.uri((uri) -> query.apply(uri.path(path)).build())
				.exchange((request, response) -> read(response.getStatusCode(), response.getHeaders(),
						response.bodyTo(String.class), array));
			this.budget.succeeded();
			return body;
		}
		catch (PriceSourceException ex) {
			outcome = ex.kind().tag();
			if (ex.kind() == Kind.QUOTA_EXHAUSTED) {
				this.budget.quotaExhausted(ex.getMessage());
			}
			throw ex;
		}
		catch (ResourceAccessException ex) {
			outcome = Kind.UNAVAILABLE.tag();
			throw new PriceSourceException(Kind.UNAVAILABLE, "CoinGecko did not answer: " + describe(ex), null, ex);
		}
		finally {
			sample.stop(Timer.builder("crypto.coingecko.requests")
				.description("Requests to CoinGecko's API")
				.tag("path", path.matches("/coins/[^/]+/market_chart/range") ? "/coins/{id}/market_chart/range" : path)
				.tag("outcome", outcome)
				.register(this.meters));
		}
	}

	private JsonNode read(HttpStatusCode status, HttpHeaders headers, @Nullable String body, boolean array) {
		if (status.isError() && errorCode(body) == QUOTA_EXHAUSTED) {
			throw new PriceSourceException(Kind.QUOTA_EXHAUSTED, "CoinGecko says the monthly credits are used up (HTTP "
					+ status.value() + ", error " + QUOTA_EXHAUSTED + errorText(body) + ")");
		}
		if (status.value() == 429) {
			Duration retryAfter = RetryAfter.parse(headers.getFirst(HttpHeaders.RETRY_AFTER), this.clock).orElse(null);
			throw new PriceSourceException(Kind.RATE_LIMITED, "CoinGecko rate limit reached (HTTP 429"
					+ ((retryAfter != null) ? ", Retry-After " + retryAfter.toSeconds() + " s)" : ")"), retryAfter, null);
		}
		if (status.is5xxServerError()) {
			Duration retryAfter = RetryAfter.parse(headers.getFirst(HttpHeaders.RETRY_AFTER), this.clock).orElse(null);
			throw new PriceSourceException(Kind.UNAVAILABLE,
					"CoinGecko answered HTTP " + status.value() + errorText(body), retryAfter, null);
		}
		if (!status.is2xxSuccessful()) {
			String hint = (status.value() == 401 || status.value() == 403)
					? " (check cryptoviz.coingecko.api-key and api-key-type)" : "";
			throw new PriceSourceException(Kind.REJECTED,
					"CoinGecko refused the request: HTTP " + status.value() + errorText(body) + hint);
		}
		try {
			JsonNode node = (body != null) ? this.json.readTree(body) : null;
			if (node == null || (array ? !node.isArray() : !node.isObject())) {
				throw new PriceSourceException(Kind.MALFORMED, "CoinGecko answered HTTP 200 with a body that is not a JSON "
						+ (array ? "array" : "object") + ": " + abbreviate(body));
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new PriceSourceException(Kind.MALFORMED,
					"CoinGecko answered HTTP 200 with a body that is not JSON: " + abbreviate(body), null, ex);
		}
	}

	private int errorCode(@Nullable String body) {
		if (body == null || body.isBlank()) {
			return 0;
		}
		try {
			return this.json.readTree(body).path("status").path("error_code").asInt(0);
		}
		catch (JacksonException ex) {
			return 0;
		}
	}

	private String errorText(@Nullable String body) {
		if (body == null || body.isBlank()) {
			return "";
		}
		try {
			JsonNode node = this.json.readTree(body);
			String message = node.path("status").path("error_message").asString(node.path("error").asString(""));
			return message.isEmpty() ? "" : ": " + abbreviate(message);
		}
		catch (JacksonException ex) {
			return "";
		}
	}

	private static String describe(ResourceAccessException ex) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof java.net.http.HttpTimeoutException || cause instanceof java.net.SocketTimeoutException) {
			return "timed out";
		}
		return (cause instanceof IOException && cause.getMessage() != null) ? cause.getClass().getSimpleName() + ": "
				+ cause.getMessage() : cause.toString();
	}

	static String abbreviate(@Nullable String text) {
		if (text == null) {
			return "(empty)";
		}
		String oneLine = text.strip().replaceAll("\\s+", " ");
		return (oneLine.length() <= MAX_ERROR_TEXT) ? "'" + oneLine + "'"
				: "'" + oneLine.substring(0, MAX_ERROR_TEXT) + "…' (" + text.length() + " chars)";
	}


}
