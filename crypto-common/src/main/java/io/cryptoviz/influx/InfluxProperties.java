package io.cryptoviz.influx;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach InfluxDB and where CryptoViz's points live: everything {@link InfluxGateway} needs.
 * The prefix is influxdb-spring's, so {@code influx.url} and {@code influx.token} configure the
 * client it builds and the gateway alike.
 *
 * @param url base URL of InfluxDB's HTTP API, e.g. {@code http://localhost:8086}
 * @param token the token sent as {@code Authorization: Token …}; empty for none. On 1.x with
 * authentication, {@code username:password} (1.8+)
 * @param database the database of the v1 API; on InfluxDB 2.x the bucket name (its DBRP mapping),
 * on 3.x the database
 * @param retentionPolicy the retention policy, empty for the database's default
 * @param connectTimeout time to connect to InfluxDB
 * @param readTimeout time to wait for InfluxDB's answer to a write or a query
 * @param batchSize most lines in one write request; a longer write is split
 */
@Validated
@ConfigurationProperties("influx")
public record InfluxProperties(@NotBlank @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String url,
		@Nullable String token, @NotBlank String database, @Nullable String retentionPolicy,
		@NotNull Duration connectTimeout, @NotNull Duration readTimeout, @Min(1) @Max(100_000) int batchSize) {

	public InfluxProperties {
		url = (url != null && url.endsWith("/")) ? url.substring(0, url.length() - 1) : url;
		token = (token == null || token.isBlank()) ? null : token;
		retentionPolicy = (retentionPolicy == null || retentionPolicy.isBlank()) ? null : retentionPolicy;
	}

	/** The settings a program outside Spring starts from: the services' defaults. */
	public static InfluxProperties of(String url, @Nullable String token, String database) {
		return new InfluxProperties(url, token, database, null, Duration.ofSeconds(5), Duration.ofSeconds(10), 5_000);
	}

	/** The same settings with another answer timeout. */
	public InfluxProperties withReadTimeout(Duration timeout) {
		return new InfluxProperties(this.url, this.token, this.database, this.retentionPolicy, this.connectTimeout,
				timeout, this.batchSize);
	}

	/** Where writes and queries go unless told otherwise. */
	public InfluxTarget target() {
		return new InfluxTarget(this.database, this.retentionPolicy);
	}

	// the token stays out of logs and error messages
	@Override
	public String toString() {
		return "InfluxProperties[url=" + this.url + ", token=" + ((this.token != null) ? "(set)" : "(none)")
				+ ", database=" + this.database + ", retentionPolicy=" + this.retentionPolicy + ", connectTimeout="
				+ this.connectTimeout + ", readTimeout=" + this.readTimeout + ", batchSize=" + this.batchSize + "]";
	}

}
