package io.cryptoviz.api.web;

import io.cryptoviz.api.series.SerializedAnswer;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;

/**
 * The OpenAPI description that springdoc generates from the controllers: its title, and the
 * body of every error answer. Every 4xx and 5xx the API gives is a problem detail, so the
 * controllers only say when one happens.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static {
		// the series endpoints' answers with their JSON written once: described as the answers they hold
		SpringDocUtils.getConfig().addResponseWrapperToIgnore(SerializedAnswer.class);
	}

	@Bean
	OpenAPI cryptoVizOpenApi() {
		return new OpenAPI().info(new Info().title("CryptoViz API")
			.version("v1")
			.description("Latest and historical cryptocurrency prices, OHLC candles, comparisons and a live "
					+ "stream of ticks. Errors are RFC 9457 problem details (application/problem+json)."));
	}

	@Bean
	OpenApiCustomizer errorsAreProblemDetails() {
		return (openApi) -> {
			if (openApi.getComponents() == null) {
				openApi.setComponents(new Components());
			}
			ModelConverters.getInstance().readAll(ProblemDetail.class).forEach(openApi.getComponents()::addSchemas);
			Schema<?> problemDetail = new Schema<>().$ref("#/components/schemas/" + ProblemDetail.class.getSimpleName());
			Content problem = new Content().addMediaType(
					org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					new MediaType().schema(problemDetail));
			if (openApi.getPaths() == null) {
				return;
			}
			openApi.getPaths().values().forEach((path) -> path.readOperations().forEach((operation) -> {
				if (operation.getResponses() != null) {
					operation.getResponses().forEach((status, response) -> {
						// springdoc would describe them with the operation's own media type and body
						if (!status.startsWith("2")) {
							response.setContent(problem);
						}
					});
				}
			}));
		};
	}

}
