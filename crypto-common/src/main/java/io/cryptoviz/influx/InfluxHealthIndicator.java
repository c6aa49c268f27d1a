package io.cryptoviz.influx;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP when InfluxDB takes our credentials for the configured database and it exists, the way the
 * service uses it: a service that writes checks with a write of no points, one that reads with a
 * query. A ping alone would say UP while a wrong token or a missing database makes every request
 * fail. DOWN says why, never with the token. Replaces influxdb-spring's indicator, which is built
 * for Boot 3 and breaks start-up on Boot 4.
 */
public final class InfluxHealthIndicator extends AbstractHealthIndicator {

	private final InfluxGateway gateway;

	private final InfluxTarget target;

	private final boolean writes;

	private InfluxHealthIndicator(InfluxGateway gateway, InfluxTarget target, boolean writes) {
		super("InfluxDB health check failed");
		this.gateway = gateway;
		this.target = target;
		this.writes = writes;
	}

	/** For a service that writes to InfluxDB: its credentials may write. */
	public static InfluxHealthIndicator forWriting(InfluxGateway gateway) {
		return forWriting(gateway, gateway.target());
	}

	/** For a service that writes to another target too (the consumer's rollups): its credentials may write it. */
	public static InfluxHealthIndicator forWriting(InfluxGateway gateway, InfluxTarget target) {
		return new InfluxHealthIndicator(gateway, target, true);
	}

	/** For a service that reads from InfluxDB: its credentials may read. */
	public static InfluxHealthIndicator forReading(InfluxGateway gateway) {
		return new InfluxHealthIndicator(gateway, gateway.target(), false);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		InfluxTarget target = this.target;
		builder.withDetail("database", target.database())
			.withDetail("access", this.writes ? "write" : "read");
		try {
			String version = this.gateway.version();
			if (this.writes) {
				this.gateway.checkWrite(target);
			}
			else {
				this.gateway.checkRead(target);
			}
			builder.up().withDetail("version", version);
		}
		catch (InfluxUnavailableException ex) {
			builder.down().withDetail("error", ex.getMessage());
		}
	}

}
