package io.cryptoviz.consumer.rollup;

import io.cryptoviz.influx.InfluxTarget;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Whether and where the consumer writes candle rollups. They live apart from the raw ticks so
 * that each can keep its own retention: a database on 1.x and 3.x, or a retention policy of it on
 * 1.x, a bucket (served as a database by its DBRP mapping) on 2.x.
 *
 * @param enabled recompute the candles of every stored poll; off, the consumer stores raw ticks only
 * @param database the rollups' database; on InfluxDB 2.x a bucket name
 * @param retentionPolicy its retention policy, empty for the database's default
 */
@Validated
@ConfigurationProperties("cryptoviz.rollups")
public record RollupProperties(boolean enabled, @NotBlank String database, @Nullable String retentionPolicy) {

	public InfluxTarget target() {
		return new InfluxTarget(this.database, this.retentionPolicy);
	}

}
