package io.cryptoviz.producer.coingecko;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

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
 * CoinGecko's HTTP API: sends the request, sorts failures into {@link PriceSourceException}
 * kinds, and hands back the parsed JSON. Knows nothing of ticks.
 */
public class CoinGeckoClient {

	private static final int MAX_ERROR_TEXT = 200;

	private final RestClient http;

	private final JsonMapper json;

	private final MeterRegistry meters;

	private final Clock clock;

	public CoinGeckoClient(CoinGeckoProperties properties, JsonMapper json, MeterRegistry meters, Clock clock) {
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
	 * GET {@code path} with the query the function builds, and the body as JSON.
	 * @throws PriceSourceException when CoinGecko does not answer with JSON
	 */
	public JsonNode get(String path, Function<UriBuilder, UriBuilder> query) {
		Timer.Sample sample = Timer.start(this.meters);
		String outcome = "success";
		try {
			return this.http.get()
				.uri((uri) -> query.apply(uri.path(path)).build())
				.exchange((request, response) -> read(response.getStatusCode(), response.getHeaders(),
						response.bodyTo(String.class)));
		}
		catch (PriceSourceException ex) {
			outcome = ex.kind().tag();
			throw ex;
		}
		catch (ResourceAccessException ex) {
			outcome = Kind.UNAVAILABLE.tag();
			throw new PriceSourceException(Kind.UNAVAILABLE, "CoinGecko did not answer: " + describe(ex), null, ex);
		}
		finally {
			sample.stop(Timer.builder("crypto.coingecko.requests")
				.description("Requests to CoinGecko's API")
				.tag("path", path.startsWith("/coins/") ? "/coins/{id}/market_chart/range" : path)
				.tag("outcome", outcome)
				.register(this.meters));
		}
	}

	private JsonNode read(HttpStatusCode status, HttpHeaders headers, @Nullable String body) {
		if (status.value() == 429) {
			Duration retryAfter = retryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER));
			throw new PriceSourceException(Kind.RATE_LIMITED, "CoinGecko rate limit reached (HTTP 429"
					+ ((retryAfter != null) ? ", Retry-After " + retryAfter.toSeconds() + " s)" : ")"), retryAfter, null);
		}
		if (status.is5xxServerError()) {
			Duration retryAfter = retryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER));
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
			if (node == null || !node.isObject()) {
				throw new PriceSourceException(Kind.MALFORMED,
						"CoinGecko answered HTTP 200 with a body that is not a JSON object: " + abbreviate(body));
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new PriceSourceException(Kind.MALFORMED,
					"CoinGecko answered HTTP 200 with a body that is not JSON: " + abbreviate(body), null, ex);
		}
	}

	/** {@code Retry-After} in seconds or as an HTTP date; {@code null} when absent or unreadable. */
	@Nullable Duration retryAfter(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
		}
		catch (NumberFormatException notSeconds) {
			try {
				Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				Duration wait = Duration.between(this.clock.instant(), at);
				return wait.isNegative() ? Duration.ZERO : wait;
			}
			catch (DateTimeParseException notADate) {
				return null;
			}
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
