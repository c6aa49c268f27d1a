package io.cryptoviz.api.web;

import java.util.List;

import io.cryptoviz.api.ApiProperties;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets the origins of {@code cryptoviz.api.cors.allowed-origins} read {@code /api/**} from a
 * browser (a frontend served elsewhere). With none configured, only the API's own page can.
 * The API only reads, and takes no credentials: GET and HEAD, no cookies. A refused request
 * gets a problem detail, like every other error.
 */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration implements WebMvcConfigurer {

	private final List<String> allowedOrigins;

	CorsConfiguration(ApiProperties properties) {
		this.allowedOrigins = properties.cors().allowedOrigins();
	}

	@Bean
	static BeanPostProcessor problemCorsRejections() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof AbstractHandlerMapping mapping) {
					mapping.setCorsProcessor(new ProblemCorsProcessor());
				}
				return bean;
			}

		};
	}

	@Override
	public void addCorsMappings(CorsRegistry registry) {
		if (!this.allowedOrigins.isEmpty()) {
			registry.addMapping("/api/**")
				.allowedOriginPatterns(this.allowedOrigins.toArray(String[]::new))
				.allowedMethods("GET", "HEAD")
				.allowCredentials(false)
				.maxAge(3600);
		}
	}

}
