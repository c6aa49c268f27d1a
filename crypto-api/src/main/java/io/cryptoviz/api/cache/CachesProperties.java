package io.cryptoviz.api.cache;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Each cache of the API, by name; defaults in {@code application.yml}. A cache that a later
 * feature needs is one more field here, and one more entry in {@link #byName()}.
 *
 * @param sparklines every coin's 24 h sparkline ({@code /api/v1/sparklines})
 */
@Validated
@ConfigurationProperties("cryptoviz.api.caches")
public record CachesProperties(@Valid @NotNull Cache sparklines) {

	Map<String, Cache> byName() {
		return Map.of(CacheConfiguration.SPARKLINES, this.sparklines);
	}

	/**
	 * @param ttl how long an answer is served after it was read from InfluxDB: how stale it may
	 * be; {@code 0s} reads InfluxDB on every request
	 * @param maxEntries most answers kept (one per set of coins, currency and hour); the least
	 * used beyond that are dropped
	 */
	public record Cache(@NotNull Duration ttl, @Min(1) @Max(10_000) int maxEntries) {
	}

}
