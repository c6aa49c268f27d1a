package io.cryptoviz.api.cache;

import java.util.List;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
