package io.cryptoviz.api.cache;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Each cache of the API, by name; defaults in {@code application.yml}. A cache that a later
 * feature needs is one more field here, and one more entry in {@link #byName()}.
 *
 * @param sparklines every coin's 24 h sparkline ({@code /api/v1/sparklines})
 * @param history answers of {@code /api/v1/coins/{coin}/history}
 * @param candles answers of {@code /api/v1/coins/{coin}/candles}
 * @param compare answers of {@code /api/v1/compare}
 * @param storedBy the consumer group that stores the ticks (the consumer's
 * {@code spring.kafka.consumer.group-id}): a tick counts as stored once it has committed past it
 * @param storedCheck how often that group's committed offsets are read while a tick the API has
 * read from the topic is not known stored
 */
@Validated
@ConfigurationProperties("cryptoviz.api.caches")
public record CachesProperties(@Valid @NotNull Cache sparklines, @Valid @NotNull Cache history,
		@Valid @NotNull Cache candles, @Valid @NotNull Cache compare, @NotBlank String storedBy,
		@NotNull Duration storedCheck) {

	Map<String, Cache> byName() {
		return Map.of(CacheConfiguration.SPARKLINES, this.sparklines, CacheConfiguration.HISTORY, this.history,
				CacheConfiguration.CANDLES, this.candles, CacheConfiguration.COMPARE, this.compare);
	}

	/** The longest lifetime of the series caches, which stale received ticks must be remembered for. */
	Duration longestSeriesTtl() {
		return Stream.of(this.history, this.candles, this.compare)
			.map(Cache::ttl)
			.max(Duration::compareTo)
			.orElse(Duration.ZERO);
	}

	/**
	 * @param ttl how long an answer is served after it was read from InfluxDB: how stale it may
	 * be; {@code 0s} reads InfluxDB on every request
	 * @param maxEntries most answers kept (one per set of coins, currency and hour); the least
	 * used beyond that are dropped
	 */
	public record Cache(@NotNull Duration ttl, @Min(1) @Max(10_000) int maxEntries) {

		/** Whether answers are kept at all ({@code ttl} 0 s reads InfluxDB on every request). */
		public boolean enabled() {
			return !this.ttl.isZero();
		}

	}

}
