package io.cryptoviz.influx;

import com.influxdb.client.InfluxDBClient;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * InfluxDB support shared by the services that talk to it; the client itself comes from
 * influxdb-spring's auto-configuration ({@code influx.url}, {@code influx.token}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InfluxProperties.class)
public class InfluxConfiguration {

	@Bean
	InfluxHealthIndicator influxHealthIndicator(InfluxDBClient influxClient) {
		return new InfluxHealthIndicator(influxClient);
	}

}
