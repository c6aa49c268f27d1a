package io.cryptoviz.api;

import io.cryptoviz.influx.InfluxConfiguration;
import io.cryptoviz.kafka.KafkaConfiguration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

// influxdb-spring's health indicator is built for Boot 3 and breaks start-up on Boot 4;
// InfluxConfiguration brings ours
@SpringBootApplication(excludeName = "com.influxdb.spring.health.InfluxDB2HealthIndicatorAutoConfiguration")
@ConfigurationPropertiesScan(basePackages = { "io.cryptoviz.api", "io.cryptoviz.tick" })
@Import({ InfluxConfiguration.class, KafkaConfiguration.class })
public class ApiApplication {

	public static void main(String[] args) {
		SpringApplication.run(ApiApplication.class, args);
	}

}
