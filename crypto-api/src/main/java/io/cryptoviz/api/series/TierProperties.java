package io.cryptoviz.api.series;

import java.time.Duration;

import io.cryptoviz.influx.InfluxTarget;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the API reads a series from: the raw ticks ({@code influx.database}) and the consumer's
 * candles ({@code cryptoviz.rollups.*}, which these settings follow by default, so that one value
 * configures both services). Defaults in {@code application.yml}.
 *
 * @param rollups read the candles where they answer a request; off, every series is read from the
 * raw ticks (for a consumer that writes no rollups)
 * @param rollupsDatabase the candles' database; on InfluxDB 2.x a bucket name
 * @param rollupsRetentionPolicy its retention policy, empty for the database's default
 * @param rawRetention how long the raw ticks are kept (the raw database's retention); {@code 0s}
 * for ever. Older than that, only the candles hold a range
 */
@Validated
@ConfigurationProperties("cryptoviz.api.tiers")
public record TierProperties(boolean rollups, @NotBlank String rollupsDatabase,
		@Nullable String rollupsRetentionPolicy, @NotNull Duration rawRetention) {

	public InfluxTarget rollupsTarget() {
		return new InfluxTarget(this.rollupsDatabase, this.rollupsRetentionPolicy);
	}

}
