package io.cryptoviz.producer;

import java.time.Clock;

import io.cryptoviz.producer.backfill.BackfillProperties;
import io.cryptoviz.producer.backfill.CoinGeckoHistory;
import io.cryptoviz.producer.coingecko.CoinGeckoClient;
import io.cryptoviz.producer.coingecko.CoinGeckoPriceSource;
import io.cryptoviz.producer.coingecko.CoinGeckoProperties;
import io.cryptoviz.producer.coingecko.CoinGeckoTopCoins;
import io.cryptoviz.producer.history.HistorySource;
import io.cryptoviz.producer.poll.ProducerProperties;
import io.cryptoviz.producer.publish.TickPublisher;
import io.cryptoviz.producer.simulated.SimulatedHistory;
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
 * Picks the price source named by {@code cryptoviz.producer.source}, and says so, where a {@code top:N}
 * rule finds its coins (CoinGecko's market caps, or the simulated source's own) and where history comes from
 * (CoinGecko's market charts, or the simulated walk's past).
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
	HistorySource historySource(ProducerProperties properties, PriceSource priceSource, CoinGeckoClient coinGecko,
			CoinGeckoProperties coinGeckoProperties, TickPublisher publisher, BackfillProperties backfill,
			SimulatedProperties simulated, Clock clock) {
		return switch (properties.source()) {
			case COINGECKO -> new CoinGeckoHistory(coinGecko, publisher, backfill, properties, coinGeckoProperties);
			case SIMULATED -> new SimulatedHistory((SimulatedPriceSource) priceSource, simulated, publisher, clock);
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
