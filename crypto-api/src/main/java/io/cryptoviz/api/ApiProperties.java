package io.cryptoviz.api;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The API's limits and settings; defaults in {@code application.yml}.
 *
 * @param query limits of the time-series queries
 * @param latest the latest-prices cache
 * @param stream the live stream
 * @param cors which other origins may call the API from a browser
 */
@Validated
@ConfigurationProperties("cryptoviz.api")
public record ApiProperties(@Valid @NotNull Query query, @Valid @NotNull Latest latest, @Valid @NotNull Stream stream,
		@Valid @NotNull Cors cors) {

	/**
	 * @param maxPoints most points one request may return (buckets × coins); a request that
	 * would return more is refused with a hint to narrow it
	 * @param defaultPoints when no interval is given, the smallest interval giving at most this
	 * many buckets is chosen
	 */
	public record Query(@Min(10) @Max(1_000_000) int maxPoints, @Min(10) @Max(1_000_000) int defaultPoints) {
	}

	/**
	 * @param cacheTtl how long the latest prices read from InfluxDB are served before they are
	 * read again; {@code 0s} reads them on every request
	 */
	public record Latest(@NotNull Duration cacheTtl) {
	}

	/**
	 * @param maxClients most stream clients at once; the next one gets a 503
	 * @param timeout a stream is closed after this long (browsers reconnect by themselves)
	 * @param heartbeat how often an idle stream gets a comment line, which also finds clients
	 * that went away
	 * @param clientBuffer ticks queued for a client that reads slower than they come; a client
	 * that falls further behind is disconnected
	 * @param consumerGroupPrefix the stream's Kafka consumer group is this prefix, a dash and a
	 * random id: every API instance sees every tick, and commits nothing
	 */
	public record Stream(@Min(1) @Max(100_000) int maxClients, @NotNull Duration timeout, @NotNull Duration heartbeat,
			@Min(1) @Max(100_000) int clientBuffer,
			@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,100}") String consumerGroupPrefix) {
	}

	/**
	 * @param allowedOrigins origins (patterns such as {@code https://*.example.com} allowed) that
	 * may call {@code /api/**} from a browser; empty for same-origin only
	 */
	public record Cors(List<@NotBlank String> allowedOrigins) {

		public Cors {
			allowedOrigins = (allowedOrigins != null) ? List.copyOf(allowedOrigins) : List.of();
		}

	}

}
