package io.cryptoviz.api;

import java.time.Clock;

import io.cryptoviz.api.series.TierProperties;
import io.cryptoviz.influx.InfluxConfiguration;
import io.cryptoviz.influx.InfluxGateway;
import io.cryptoviz.influx.InfluxHealthIndicator;
import io.cryptoviz.influx.InfluxTarget;
import io.cryptoviz.influx.InfluxUnavailableException;
import io.cryptoviz.kafka.KafkaConfiguration;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
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

	/**
	 * The {@code rollups} health component: the API's credentials may read the candles' database.
	 * Part of readiness: InfluxDB answers a query of a database it does not have with no rows, so a
	 * missing one would show as charts without data rather than as an error.
	 */
	@Bean
	HealthIndicator rollupsHealthIndicator(InfluxGateway influx, TierProperties tiers) {
		if (!tiers.rollups()) {
			return () -> Health.up().withDetail("enabled", false).build();
		}
		InfluxTarget target = tiers.rollupsTarget();
		return () -> {
			Health.Builder health = Health.unknown().withDetail("database", target.database()).withDetail("access", "read");
			try {
				influx.checkRead(target);
				return health.up().build();
			}
			catch (InfluxUnavailableException ex) {
				return health.down().withDetail("error", ex.getMessage()).build();
			}
		};
	}

}
