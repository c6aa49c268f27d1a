package io.cryptoviz.producer;

import java.time.Clock;

import io.cryptoviz.producer.coingecko.CoinGeckoClient;
import io.cryptoviz.producer.coingecko.CoinGeckoPriceSource;
import io.cryptoviz.producer.coingecko.CoinGeckoProperties;
import io.cryptoviz.producer.coingecko.CoinGeckoTopCoins;
import io.cryptoviz.producer.poll.ProducerProperties;
import io.cryptoviz.producer.simulated.SimulatedPriceSource;
import io.cryptoviz.producer.simulated.SimulatedProperties;
import io.cryptoviz.producer.simulated.SimulatedTopCoins;
import io.cryptoviz.producer.source.PriceSource;
import io.cryptoviz.producer.universe.TopCoins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Picks the price source named by {@code cryptoviz.producer.source}, and says so, and where a
 * {@code top:N} rule finds its coins: CoinGecko's market caps, or the simulated source's own.
 */
@Configuration(proxyBeanMethods = false)
class PriceSourceConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(PriceSourceConfiguration.class);

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	PriceSource priceSource(ProducerProperties properties, CoinGeckoClient coinGecko,
			CoinGeckoProperties coinGeckoProperties, SimulatedProperties simulated, Clock clock) {
		return switch (properties.source()) {
			case COINGECKO -> {
				logger.info("Price source: CoinGecko at {}, {} plan", coinGeckoProperties.baseUrl(),
						coinGeckoProperties.plan().id());
				yield new CoinGeckoPriceSource(coinGecko,
						properties.currencies().contains(ProducerProperties.Currency.EUR),
						coinGeckoProperties.baseUrl(), coinGeckoProperties.maxUrlLength());
			}
			case SIMULATED -> {
				logger.warn("Price source: SIMULATED random walk, not market data (ticks tagged source=simulated)");
				yield new SimulatedPriceSource(simulated, clock);
			}
		};
	}

	@Bean
	TopCoins topCoins(ProducerProperties properties, CoinGeckoClient coinGecko, SimulatedProperties simulated) {
		return switch (properties.source()) {
			case COINGECKO -> new CoinGeckoTopCoins(coinGecko);
			case SIMULATED -> new SimulatedTopCoins(simulated);
		};
	}

}
