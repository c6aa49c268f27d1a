package io.cryptoviz.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

// influxdb-spring's health indicator is built for Boot 3 and breaks start-up on Boot 4;
// ApiConfiguration brings the API's own
@SpringBootApplication(excludeName = "com.influxdb.spring.health.InfluxDB2HealthIndicatorAutoConfiguration",
		proxyBeanMethods = false)
@ConfigurationPropertiesScan(basePackages = "io.cryptoviz.api")
public class ApiApplication {

	public static void main(String[] args) {
		SpringApplication.run(ApiApplication.class, args);
	}

}
