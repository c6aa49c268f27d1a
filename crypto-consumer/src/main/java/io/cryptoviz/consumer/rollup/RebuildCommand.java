package io.cryptoviz.consumer.rollup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import io.cryptoviz.influx.InfluxGateway;
import io.cryptoviz.influx.InfluxUnavailableException;
import io.cryptoviz.rollup.RollupInterval;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code --rebuild-rollups --from=2025-01-01 --to=2025-02-01}: recomputes the candles of every coin
 * for the whole UTC days from {@code from} (inclusive) to {@code to} (exclusive; default: the end of
 * today), day after day, from the raw ticks, with a progress line per day. Idempotent: a candle
 * computed again is the same point, so an interrupted rebuild is simply run again. Exits with 0 when
 * done, 1 when InfluxDB failed on the way, 2 when the options do not make sense; a failure is one
 * log line, never a stack trace.
 */
@Component
@Profile(RebuildMode.PROFILE)
class RebuildCommand implements ApplicationRunner, ExitCodeGenerator {

	static final int FAILED = 1;

	static final int USAGE = 2;

	private static final Logger logger = LoggerFactory.getLogger(RebuildCommand.class);

	private static final Duration DAY = RollupInterval.coarsest().length();

	private final Rollups rollups;

	private final InfluxGateway influx;

	private final RollupProperties properties;

	private final Clock clock = Clock.systemUTC();

	private volatile int exitCode = FAILED;

	RebuildCommand(Rollups rollups, InfluxGateway influx, RollupProperties properties) {
		this.rollups = rollups;
		this.influx = influx;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		Instant from;
		Instant to;
		try {
			from = day(single(args, "from"), "from", null);
			to = day(single(args, "to"), "to", RollupInterval.ONE_DAY.bucketOf(this.clock.instant()).plus(DAY));
			if (!from.isBefore(to)) {
				throw new IllegalArgumentException("--from must be before --to");
			}
		}
		catch (IllegalArgumentException ex) {
			logger.error("Rollup rebuild: {}. Usage: --rebuild-rollups --from=2025-01-01 [--to=2025-02-01] "
					+ "(UTC days or instants; to is exclusive, the end of today by default)", ex.getMessage());
			this.exitCode = USAGE;
			return;
		}
		try {
			this.influx.checkRead(this.influx.target());
			this.influx.checkWrite(this.properties.target());
			rebuild(from, to);
			this.exitCode = 0;
		}
		catch (InfluxUnavailableException ex) {
			logger.error("Rollup rebuild failed: {}; run it again once InfluxDB answers (it is idempotent)",
					ex.getMessage());
			this.exitCode = FAILED;
		}
	}

	private void rebuild(Instant from, Instant to) {
		long days = Duration.between(from, to).dividedBy(DAY);
		logger.info("Rollup rebuild of {} to {}: {} {}, candles {} into {}", from, to, days,
				(days == 1) ? "day" : "days", RollupInterval.ladder().stream().map(RollupInterval::id).toList(),
				this.properties.target());
		long started = System.nanoTime();
		long candles = 0;
		long done = 0;
		for (Instant day = from; day.isBefore(to); day = day.plus(DAY)) {
			int written = this.rollups.rebuildDay(day);
			candles += written;
			done++;
			Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
			logger.info(String.format(Locale.ROOT, "Rollups of %s: %d candles | day %d/%d, %d candles, %s", day,
					written, done, days, candles,
					(done == days) ? "done" : "ETA " + seconds(elapsed.multipliedBy(days - done).dividedBy(done))));
		}
		logger.info("Rollup rebuild done: {} {}, {} candles in {}", days, (days == 1) ? "day" : "days", candles,
				seconds(Duration.ofNanos(System.nanoTime() - started)));
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	private static @Nullable String single(ApplicationArguments args, String option) {
		List<String> values = args.getOptionValues(option);
		if (values == null || values.isEmpty()) {
			return null;
		}
		if (values.size() > 1) {
			throw new IllegalArgumentException("--" + option + " given " + values.size() + " times");
		}
		return values.get(0);
	}

	/** A UTC date, or an instant, as the start of its UTC day. */
	private static Instant day(@Nullable String value, String option, @Nullable Instant otherwise) {
		if (value == null || value.isBlank()) {
			if (otherwise == null) {
				throw new IllegalArgumentException("--" + option + " is required");
			}
			return otherwise;
		}
		try {
			Instant time = (value.length() == 10) ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
					: Instant.parse(value);
			return RollupInterval.ONE_DAY.bucketOf(time);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("--" + option + "=" + value + " is neither a date (2025-01-31) nor an "
					+ "instant (2025-01-31T10:00:00Z)");
		}
	}

	private static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

}
