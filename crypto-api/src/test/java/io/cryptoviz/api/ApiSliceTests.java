package io.cryptoviz.api;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import com.github.benmanes.caffeine.cache.Ticker;
import io.cryptoviz.api.alerts.AlertsSlice;
import io.cryptoviz.api.cache.CacheConfiguration;
import io.cryptoviz.api.coin.CoinCatalog;
import io.cryptoviz.api.coin.Coins;
import io.cryptoviz.api.history.HistorySlice;
import io.cryptoviz.api.indicators.IndicatorsSlice;
import io.cryptoviz.api.latest.LatestPrices;
import io.cryptoviz.api.series.SeriesSlice;
import io.cryptoviz.api.series.TierProperties;
import io.cryptoviz.api.stream.StreamSlice;
import io.cryptoviz.testsupport.MutableClock;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The web layer alone: every controller, the problem handling and CORS, with the real request
 * parsing (coins, point budget) and InfluxDB, Kafka and the stream mocked: the latest prices
 * here, each feature's own package-private parts by the interface of its package. The data holds
 * the coins of {@link #COINS}. The subclasses share this one context.
 */
@WebMvcTest(includeFilters = {
		@ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = Coins.class),
		@ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.cryptoviz\\.api\\.series\\.(PointBudget|SparklineAnswers|SeriesAnswers|Tiers|CandleReader)") },
		properties = { "cryptoviz.api.query.max-points=1000", "cryptoviz.api.query.default-points=400",
				"cryptoviz.api.cors.allowed-origins=https://dashboard.example,https://*.cryptoviz.example" })
@ImportAutoConfiguration(CacheAutoConfiguration.class)
@Import({ ApiSliceTests.SliceConfiguration.class, CacheConfiguration.class })
public abstract class ApiSliceTests implements SeriesSlice, StreamSlice, HistorySlice, IndicatorsSlice, AlertsSlice {

	/** The coins the data holds in the slice tests. */
	public static final List<String> COINS = List.of("bitcoin", "ethereum", "cardano", "solana", "polkadot");

	/** {@link #COINS} as the API lists them: by id. */
	public static final List<String> COINS_BY_ID = COINS.stream().sorted().toList();

	/** "Now" in the slice tests. */
	public static final Instant NOW = Instant.parse("2025-10-31T12:00:00Z");

	@Autowired
	protected MockMvc mvc;

	@MockitoBean
	protected LatestPrices latest;

	@Autowired
	protected MutableClock clock;

	@Autowired
	private CacheManager caches;

	/** Each test starts at {@link #NOW} with nothing cached, whatever the one before did. */
	@BeforeEach
	void startAfresh() {
		this.clock.set(NOW);
		this.caches.getCacheNames().forEach((name) -> this.caches.getCache(name).clear());
	}

	/** What the application's configuration gives the web layer: its settings, and a clock. */
	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ ApiProperties.class, TierProperties.class })
	static class SliceConfiguration {

		@Bean
		MutableClock clock() {
			return new MutableClock(NOW);
		}

		/** The caches tell time by the same clock, so that a test moves them on by hand. */
		@Bean
		Ticker cacheTicker(MutableClock clock) {
			return () -> {
				Instant now = clock.instant();
				return now.getEpochSecond() * 1_000_000_000L + now.getNano();
			};
		}

		/** The data's coins, apart from the mocked latest prices, so that asking for a coin is no call on them. */
		@Bean
		@Primary
		CoinCatalog coinCatalog() {
			return new CoinCatalog() {

				@Override
				public Collection<String> coins() {
					return COINS;
				}

				@Override
				public boolean holds(String coin) {
					return COINS.contains(coin);
				}

			};
		}

	}

}
