package io.cryptoviz.consumer;

import io.cryptoviz.consumer.rollup.RebuildMode;
import io.cryptoviz.consumer.rollup.RollupProperties;
import io.cryptoviz.influx.InfluxConfiguration;
import io.cryptoviz.influx.InfluxGateway;
import io.cryptoviz.influx.InfluxHealthIndicator;
import io.cryptoviz.kafka.KafkaConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

// influxdb-spring's health indicator is built for Boot 3 and breaks start-up on Boot 4;
// the consumer brings its own
@SpringBootApplication(excludeName = "com.influxdb.spring.health.InfluxDB2HealthIndicatorAutoConfiguration",
		proxyBeanMethods = false)
@ConfigurationPropertiesScan
@Import({ InfluxConfiguration.class, KafkaConfiguration.class })
public class ConsumerApplication {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = application(args).run(args);
		if (context.getEnvironment().matchesProfiles(RebuildMode.PROFILE)) {
			// a command, not a service: done when the rebuild is, with its exit code
			System.exit(SpringApplication.exit(context));
		}
	}

	/** The application; with {@code --rebuild-rollups}, the rebuild command instead of the listener. */
	static SpringApplication application(String... args) {
		SpringApplication application = new SpringApplication(ConsumerApplication.class);
		if (RebuildMode.isRequested(args)) {
			application.setAdditionalProfiles(RebuildMode.PROFILE);
		}
		return application;
	}

	/** The {@code influx} health component: the consumer's credentials may write its database. */
	@Bean
	InfluxHealthIndicator influxHealthIndicator(InfluxGateway influx) {
		return InfluxHealthIndicator.forWriting(influx);
	}

	/**
	 * The {@code rollups} health component: the consumer may write the rollups' database. Part of
	 * readiness, because a poll whose candles cannot be stored is retried, ticks and all.
	 */
	@Bean
	HealthIndicator rollupsHealthIndicator(InfluxGateway influx, RollupProperties rollups) {
		if (!rollups.enabled()) {
			return () -> Health.up().withDetail("enabled", false).build();
		}
		return InfluxHealthIndicator.forWriting(influx, rollups.target());
	}

}
