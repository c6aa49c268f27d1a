package io.cryptoviz.api;

import java.time.Clock;

import io.cryptoviz.influx.InfluxConfiguration;
import io.cryptoviz.kafka.KafkaConfiguration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The shared InfluxDB and Kafka set-up, and the clock the API tells "now" by. Kept off the
 * application class so that web slice tests do not pull InfluxDB and Kafka in.
 */
@Configuration(proxyBeanMethods = false)
@Import({ InfluxConfiguration.class, KafkaConfiguration.class })
class ApiConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
