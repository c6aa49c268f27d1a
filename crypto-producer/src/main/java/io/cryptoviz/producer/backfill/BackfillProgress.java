package io.cryptoviz.producer.backfill;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log lines of a run: the plan, one line per coin and chunk (ticks, running total, rate, time
 * left), and the summary.
 */
final class BackfillProgress {

	private static final Logger logger = LoggerFactory.getLogger(BackfillProgress.class);

	private final BackfillPlan plan;

	private final Clock clock;

	private final Instant started;

	private int stepsDone;

	private long published;

	private long withoutEur;

	private long eurWithoutUsd;

	private long skipped;

	BackfillProgress(BackfillPlan plan, Clock clock) {
		this.plan = plan;
		this.clock = clock;
		this.started = clock.instant();
	}

	void started(boolean withEur, Duration spacing, String plan) {
		int requests = this.plan.steps() * (withEur ? 2 : 1);
		logger.info("Backfill of {} from {} to {}: {} {} per coin, {} requests ({}), one every {} at most (what the "
				+ "{} plan's per-minute limit leaves live polling)", String.join(", ", this.plan.coins()),
				this.plan.from(), this.plan.to(), this.plan.chunks().size(),
				(this.plan.chunks().size() == 1) ? "chunk" : "chunks", requests, withEur ? "USD and EUR" : "USD",
				duration(spacing), plan);
		this.plan.chunks()
			.forEach((chunk) -> logger.info("  chunk {}/{}: {}", chunk.number(), this.plan.chunks().size(), chunk));
	}

	/** Counts a coin's chunk as done and logs where the run stands. */
	String stepDone(String coin, Chunk chunk, SeriesMerger.Merged merged, int published) {
		this.stepsDone++;
		this.published += published;
		this.withoutEur += merged.withoutEur();
		this.eurWithoutUsd += merged.eurWithoutUsd();
		this.skipped += merged.skipped();
		Duration elapsed = elapsed();
		int remaining = this.plan.steps() - this.stepsDone;
		String eta = (remaining == 0) ? "done"
				: "ETA " + duration(elapsed.multipliedBy(remaining).dividedBy(this.stepsDone));
		String line = String.format(Locale.ROOT, "%s chunk %d/%d (%s): %d ticks | %d published, %d/%d steps, %s, %s",
				coin, chunk.number(), this.plan.chunks().size(), chunk, published, this.published, this.stepsDone,
				this.plan.steps(), rate(this.published, elapsed), eta);
		logger.info(line);
		return line;
	}

	BackfillReport finished(int requests, int retries) {
		BackfillReport report = new BackfillReport(this.plan.coins().size(), this.plan.chunks().size(),
				this.published, requests, retries, this.withoutEur, this.eurWithoutUsd, this.skipped, elapsed());
		logger.info(summary(report));
		return report;
	}

	static String summary(BackfillReport report) {
		return String.format(Locale.ROOT,
				"Backfill done: %d %s, %d %s each, %d ticks published (source=backfill); %d requests, %d %s; %s (%s); "
						+ "%d ticks without price_eur, %d EUR points without a USD point, %d entries skipped",
				report.coins(), (report.coins() == 1) ? "coin" : "coins", report.chunks(),
				(report.chunks() == 1) ? "chunk" : "chunks", report.ticksPublished(), report.requests(),
				report.retries(), (report.retries() == 1) ? "retry" : "retries", duration(report.elapsed()),
				rate(report.ticksPublished(), report.elapsed()), report.withoutEur(), report.eurWithoutUsd(),
				report.skipped());
	}

	private Duration elapsed() {
		return Duration.between(this.started, this.clock.instant());
	}

	private static String rate(long ticks, Duration elapsed) {
		if (elapsed.isZero() || elapsed.isNegative()) {
			return "- ticks/s";
		}
		return String.format(Locale.ROOT, "%.1f ticks/s", ticks * 1000.0 / elapsed.toMillis());
	}

	/** {@code 850 ms}, {@code 2.5 s}, {@code 3 min 20 s}, {@code 1 h 05 min}. */
	static String duration(Duration duration) {
		long millis = duration.toMillis();
		if (millis < 1000) {
			return millis + " ms";
		}
		if (millis < 60_000) {
			return (millis % 1000 == 0) ? (millis / 1000) + " s"
					: String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
		}
		long seconds = duration.toSeconds();
		if (seconds < 3600) {
			return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
		}
		return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
	}

}
