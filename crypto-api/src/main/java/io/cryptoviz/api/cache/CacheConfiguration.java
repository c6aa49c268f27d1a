package io.cryptoviz.api.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Spring's caching on the one Caffeine cache manager that Boot configures
 * ({@code spring.cache.type: caffeine}), holding exactly the caches of {@link CachesProperties},
 * each with its own lifetime and bound. A cache that no one configured does not exist: asking
 * for it is an error, never an unbounded cache made on the fly.
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching
@EnableConfigurationProperties(CachesProperties.class)
public class CacheConfiguration {

	/** Every coin's 24 h sparkline, by coins, currency and first hour. */
	public static final String SPARKLINES = "sparklines";

	/** A coin's history, by request and the version of its range ({@link TickLedger}). */
	public static final String HISTORY = "history";

	/** A coin's candles, by request and the version of its range. */
	public static final String CANDLES = "candles";

	/** Coins compared, by request and the version of their range. */
	public static final String COMPARE = "compare";

	/**
	 * What the series caches know of the ticks stored, from the ticks the API reads from the topic
	 * and the consumer's committed offsets.
	 * @param kafkaAdmin Boot's; absent in the web slice, as the meters
	 */
	@Bean
	TickLedger tickLedger(ObjectProvider<KafkaAdmin> kafkaAdmin, CachesProperties properties,
			@Value("${cryptoviz.kafka.topic}") String topic, Clock clock, ObjectProvider<MeterRegistry> meters) {
		// an answer cached before a tick lives at most its ttl; its read at most InfluxDB's timeout
		Duration retain = properties.longestSeriesTtl().multipliedBy(2).plusMinutes(1);
		return new TickLedger(kafkaAdmin.getIfAvailable(), topic, properties.storedBy(), properties.storedCheck(),
				retain, clock, meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	/**
	 * @param ticker what the caches tell time by: the system's, or in tests one that moves with
	 * a controllable clock
	 */
	@Bean
	CacheManagerCustomizer<CaffeineCacheManager> apiCaches(CachesProperties properties,
			ObjectProvider<Ticker> ticker) {
		Ticker time = ticker.getIfAvailable(Ticker::systemTicker);
		return (manager) -> {
			manager.setCacheNames(List.of());
			manager.setAllowNullValues(false);
			properties.byName()
				.forEach((name, cache) -> manager.registerCustomCache(name,
						Caffeine.newBuilder()
							.expireAfterWrite(cache.ttl())
							.maximumSize(cache.maxEntries())
							.ticker(time)
							// hits, misses and loads as meters (cache.gets, cache.puts, ...)
							.recordStats()
							.build()));
		};
	}

}
