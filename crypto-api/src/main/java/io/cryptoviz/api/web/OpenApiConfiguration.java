package io.cryptoviz.api.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title of the OpenAPI description that springdoc generates from the controllers. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI cryptoVizOpenApi() {
		return new OpenAPI().info(new Info().title("CryptoViz API")
			.version("v1")
			.description("Latest and historical cryptocurrency prices, OHLC candles, comparisons and a live "
					+ "stream of ticks. Errors are RFC 9457 problem details (application/problem+json)."));
	}

}
