package io.cryptoviz.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cryptoviz.devstack.InfluxDbServer;
import io.cryptoviz.influx.CryptoPriceSchema;
import io.cryptoviz.rollup.RollupInterval;
import io.cryptoviz.tick.PriceTick;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code --rebuild-rollups} command against a real InfluxDB holding raw ticks written before
 * rollups existed: it runs as the consumer's jar does, without Kafka, and exits when done.
 */
@ExtendWith(OutputCaptureExtension.class)
class RollupRebuildTests {

	static final InfluxDbServer influx = InfluxDbServer.temporary().start();

	static {
		influx.createDatabases();
	}

	@AfterAll
	static void stopInflux() {
		influx.close();
	}

	@Test
	void rebuildsTheCandlesOfThePeriodFromRawTicksAndAgainToTheSamePoints(CapturedOutput output) {
		Instant from = Instant.parse("2025-04-01T00:00:00Z");
		Instant to = Instant.parse("2025-04-04T00:00:00Z");
		// ticks from the day before to the day after: only the period's days get candles
		storeRaw("rebuilt", from.minus(Duration.ofDays(1)), to.plus(Duration.ofDays(1)));

		assertThat(rebuild("--from=2025-04-01", "--to=2025-04-04")).isZero();

		Map<RollupInterval, Map<Instant, Map<String, Double>>> candles = StoredCandles.of(influx, "rebuilt");
		Map<RollupInterval, Map<Instant, Map<String, Double>>> raw = StoredCandles.rawAggregation(influx, "rebuilt",
				from, to);
		for (RollupInterval interval : RollupInterval.ladder()) {
			assertThat(candles.get(interval)).as(interval.id() + " candles").isNotEmpty().isEqualTo(raw.get(interval));
		}
		assertThat(candles.get(RollupInterval.ONE_DAY)).containsOnlyKeys(from, from.plus(Duration.ofDays(1)),
				from.plus(Duration.ofDays(2)));
		assertThat(output).contains("Rollup rebuild of 2025-04-01T00:00:00Z to 2025-04-04T00:00:00Z: 3 days")
			.contains("day 1/3")
			.contains("day 3/3")
			.contains("Rollup rebuild done: 3 days");

		long points = StoredCandles.points(influx, "rebuilt");
		assertThat(rebuild("--from=2025-04-01T13:00:00Z", "--to=2025-04-04")).isZero();
		assertThat(StoredCandles.of(influx, "rebuilt")).isEqualTo(candles);
		assertThat(StoredCandles.points(influx, "rebuilt")).isEqualTo(points);
	}

	@Test
	void exitsWithTwoAndSaysHowToCallItWhenThePeriodIsMissingOrBackwards(CapturedOutput output) {
		assertThat(rebuild()).isEqualTo(2);
		assertThat(output).contains("Rollup rebuild: --from is required. Usage: --rebuild-rollups --from=2025-01-01");

		assertThat(rebuild("--from=2025-04-02", "--to=2025-04-01")).isEqualTo(2);
		assertThat(output).contains("--from must be before --to");

		assertThat(rebuild("--from=yesterday")).isEqualTo(2);
		assertThat(output).contains("--from=yesterday is neither a date (2025-01-31) nor an instant")
			.doesNotContain("\tat ");
	}

	@Test
	void exitsWithOneNamingTheDatabaseWhenTheRollupsDatabaseIsMissing(CapturedOutput output) {
		assertThat(rebuild("--from=2025-04-01", "--cryptoviz.rollups.database=no-such-rollups")).isEqualTo(1);

		assertThat(output).contains("Rollup rebuild failed: InfluxDB answered HTTP 404")
			.contains("'no-such-rollups'")
			.contains("it is idempotent")
			.doesNotContain("\tat ");
	}

	/** Runs the command as {@code java -jar crypto-consumer.jar --rebuild-rollups …} does; its exit code. */
	private static int rebuild(String... options) {
		List<String> args = new ArrayList<>(List.of("--rebuild-rollups", "--influx.url=" + influx.url()));
		args.addAll(List.of(options));
		String[] arguments = args.toArray(String[]::new);
		ConfigurableApplicationContext context = ConsumerApplication.application(arguments).run(arguments);
		return SpringApplication.exit(context);
	}

	/** A tick every 7 minutes, written straight to InfluxDB, as before rollups existed. */
	private static void storeRaw(String coin, Instant from, Instant to) {
		List<String> lines = new ArrayList<>();
		double price = 50;
		int i = 0;
		for (Instant time = from; time.isBefore(to); time = time.plus(Duration.ofMinutes(7)), i++) {
			price += ((i * 37) % 11) - 5;
			lines.add(CryptoPriceSchema.toLineProtocol(new PriceTick(coin, price, (i % 5 == 0) ? null : price * 0.9,
					null, price * 1e6, price * 1e4 + i, time, io.cryptoviz.tick.TickSource.BACKFILL)));
		}
		influx.gateway().write(lines);
	}

}
