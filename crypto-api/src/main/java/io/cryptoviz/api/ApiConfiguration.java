package io.cryptoviz.api;

import java.time.Clock;

import io.cryptoviz.influx.InfluxConfiguration;
import io.cryptoviz.influx.InfluxGateway;
import io.cryptoviz.influx.InfluxHealthIndicator;
import io.cryptoviz.kafka.KafkaConfiguration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The shared InfluxDB and Kafka set-up, the API's InfluxDB health check, and the clock the API
 * tells "now" by. Kept off the application class so that web slice tests do not pull InfluxDB
 * and Kafka in.
 */
@Configuration(proxyBeanMethods = false)
@Import({ InfluxConfiguration.class, KafkaConfiguration.class })
class ApiConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/** The {@code influx} health component: the API's credentials may read its database. */
	@Bean
	InfluxHealthIndicator influxHealthIndicator(InfluxGateway influx) {
		return InfluxHealthIndicator.forReading(influx);
	}

}
