package io.cryptoviz.influx;

import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where CryptoViz's points live, beside the connection settings of influxdb-spring
 * ({@code influx.url}, {@code influx.token}).
 *
 * @param database the database of the v1 API; on InfluxDB 2.x the bucket name (its virtual DBRP
 * mapping), on 3.x the database
 * @param retentionPolicy the retention policy, or empty for the database's default
 */
@Validated
@ConfigurationProperties("cryptoviz.influx")
public record InfluxProperties(@NotBlank String database, @Nullable String retentionPolicy) {

	/** The retention policy to send, {@code null} for the default one. */
	public @Nullable String retentionPolicyOrNull() {
		return (this.retentionPolicy == null || this.retentionPolicy.isBlank()) ? null : this.retentionPolicy;
	}

}
