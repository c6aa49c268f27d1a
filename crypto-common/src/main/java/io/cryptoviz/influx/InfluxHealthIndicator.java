package io.cryptoviz.influx;

import com.influxdb.client.InfluxDBClient;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP when InfluxDB answers {@code /ping}, which 1.x, 2.x and 3.x all serve. Replaces
 * influxdb-spring's indicator, which is built for Boot 3 and breaks start-up on Boot 4.
 */
public class InfluxHealthIndicator extends AbstractHealthIndicator {

	private final InfluxDBClient client;

	public InfluxHealthIndicator(InfluxDBClient client) {
		super("InfluxDB health check failed");
		this.client = client;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.client.ping()) {
			builder.up().withDetail("version", this.client.version());
		}
		else {
			builder.down();
		}
	}

}
