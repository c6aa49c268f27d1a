package io.cryptoviz.producer;

import java.time.Clock;

import io.cryptoviz.producer.coingecko.CoinGeckoClient;
import io.cryptoviz.producer.coingecko.CoinGeckoPriceSource;
import io.cryptoviz.producer.poll.ProducerProperties;
import io.cryptoviz.producer.simulated.SimulatedPriceSource;
import io.cryptoviz.producer.simulated.SimulatedProperties;
import io.cryptoviz.producer.source.PriceSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Picks the price source named by {@code cryptoviz.producer.source}, and says so. */
@Configuration(proxyBeanMethods = false)
class PriceSourceConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(PriceSourceConfiguration.class);

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	PriceSource priceSource(ProducerProperties properties, CoinGeckoClient coinGecko, SimulatedProperties simulated,
			Clock clock) {
		return switch (properties.source()) {
			case COINGECKO -> {
				logger.info("Price source: CoinGecko, polled every {}", properties.pollInterval());
				yield new CoinGeckoPriceSource(coinGecko, properties.currencies()
					.contains(ProducerProperties.Currency.EUR));
			}
			case SIMULATED -> {
				logger.warn("Price source: SIMULATED random walk, not market data (ticks tagged source=simulated)");
				yield new SimulatedPriceSource(simulated, clock);
			}
		};
	}

}
