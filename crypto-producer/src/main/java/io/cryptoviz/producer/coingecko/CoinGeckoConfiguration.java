package io.cryptoviz.producer.coingecko;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CoinGeckoConfiguration {

	@Bean
	CoinGeckoClient coinGeckoClient(CoinGeckoProperties properties, JsonMapper jsonMapper, MeterRegistry meters,
			Clock clock) {
		return new CoinGeckoClient(properties, jsonMapper, meters, clock);
	}

}
