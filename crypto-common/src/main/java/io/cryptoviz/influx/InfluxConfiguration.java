package io.cryptoviz.influx;

import com.influxdb.client.InfluxDBClient;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The InfluxDB gateway of the services that talk to InfluxDB, over the client influxdb-spring's
 * auto-configuration builds from the same {@code influx.*} settings. Each service adds the
 * health check that fits how it uses InfluxDB ({@link InfluxHealthIndicator}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InfluxProperties.class)
public class InfluxConfiguration {

	@Bean
	InfluxGateway influxGateway(InfluxProperties properties, InfluxDBClient influxClient) {
		return new InfluxGateway(properties, influxClient);
	}

}
