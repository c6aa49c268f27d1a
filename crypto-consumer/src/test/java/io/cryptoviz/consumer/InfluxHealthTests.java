package io.cryptoviz.consumer;

import java.time.Duration;
import java.util.UUID;

import io.cryptoviz.devstack.InfluxDbServer;
import io.cryptoviz.devstack.Ports;
import io.cryptoviz.influx.InfluxGateway;
import io.cryptoviz.influx.InfluxHealthIndicator;
import io.cryptoviz.influx.InfluxProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code influx} health component against real InfluxDB servers, for both kinds of service:
 * one that writes (the consumer) and one that reads (the API). A ping would say UP in every case
 * here; the component says DOWN, and why, unless InfluxDB takes the credentials for the database,
 * and never shows the token.
 */
class InfluxHealthTests {

	static final InfluxDbServer influx = InfluxDbServer.temporary().start();

	/** Refuses every request without valid credentials, as InfluxDB 2.x does. */
	static final InfluxDbServer secured = InfluxDbServer.temporaryWithAuthentication().start();

	static final String TOKEN = "not-the-token-" + UUID.randomUUID();

	static {
		influx.createDatabase(InfluxDbServer.DATABASE);
	}

	@AfterAll
	static void stopInflux() {
		influx.close();
		secured.close();
	}

	@ParameterizedTest(name = "writes: {0}")
	@ValueSource(booleans = { true, false })
	void upWhenInfluxDbTakesTheCredentialsForAnExistingDatabase(boolean writes) {
		Health health = check(writes, influx.url(), TOKEN, InfluxDbServer.DATABASE);

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("database", InfluxDbServer.DATABASE)
			.containsEntry("access", writes ? "write" : "read")
			.containsKey("version");
	}

	@ParameterizedTest(name = "writes: {0}")
	@ValueSource(booleans = { true, false })
	void downNamingTheTokenSettingWhenInfluxDbRefusesTheToken(boolean writes) {
		Health health = check(writes, secured.url(), TOKEN, InfluxDbServer.DATABASE);

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(String.valueOf(health.getDetails().get("error"))).contains("HTTP 401").contains("influx.token");
		assertThat(health.toString()).doesNotContain(TOKEN);
	}

	@ParameterizedTest(name = "writes: {0}")
	@ValueSource(booleans = { true, false })
	void downNamingTheDatabaseWhenItDoesNotExist(boolean writes) {
		Health health = check(writes, influx.url(), TOKEN, "no-such-database");

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(String.valueOf(health.getDetails().get("error"))).contains("'no-such-database'")
			.contains("not found");
		assertThat(health.toString()).doesNotContain(TOKEN);
	}

	@ParameterizedTest(name = "writes: {0}")
	@ValueSource(booleans = { true, false })
	void upForAnExistingRetentionPolicyAndDownNamingOneThatDoesNotExist(boolean writes) {
		influx.gateway().query("CREATE RETENTION POLICY \"rollups\" ON \"" + InfluxDbServer.DATABASE + "\" DURATION INF REPLICATION 1");

		assertThat(check(writes, new InfluxProperties(influx.url(), TOKEN, InfluxDbServer.DATABASE, "rollups",
				Duration.ofSeconds(5), Duration.ofSeconds(10), 5_000)).getStatus()).isEqualTo(Status.UP);
		Health missing = check(writes, new InfluxProperties(influx.url(), TOKEN, InfluxDbServer.DATABASE, "no-such-policy",
				Duration.ofSeconds(5), Duration.ofSeconds(10), 5_000));
		assertThat(missing.getStatus()).isEqualTo(Status.DOWN);
		assertThat(String.valueOf(missing.getDetails().get("error"))).contains("no-such-policy");
	}

	@ParameterizedTest(name = "writes: {0}")
	@ValueSource(booleans = { true, false })
	void downWhenNothingAnswers(boolean writes) {
		Health health = check(writes, "http://127.0.0.1:" + Ports.free(), TOKEN, InfluxDbServer.DATABASE);

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(String.valueOf(health.getDetails().get("error"))).contains("Cannot reach InfluxDB at http://127.0.0.1:")
			.contains("connection refused");
	}

	private static Health check(boolean writes, String url, String token, String database) {
		return check(writes, InfluxProperties.of(url, token, database));
	}

	private static Health check(boolean writes, InfluxProperties properties) {
		try (InfluxGateway gateway = InfluxGateway.connect(properties)) {
			return (writes ? InfluxHealthIndicator.forWriting(gateway) : InfluxHealthIndicator.forReading(gateway))
				.health();
		}
	}

}
