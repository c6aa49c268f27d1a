package io.cryptoviz.producer.history;

import java.time.Duration;

import io.cryptoviz.producer.budget.Cadence;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code history}: what the loader does (scanning, loading, waiting, idle; standby on a standby), how far
 * it has come, and the last scan of the ticks' topic. Always UP: missing history makes charts poorer, not
 * the producer unable to publish, so it is not part of readiness.
 */
final class HistoryHealthIndicator extends AbstractHealthIndicator {

	private final HistoryLoader loader;

	private final HistoryProperties properties;

	private final GapThreshold threshold;

	HistoryHealthIndicator(HistoryLoader loader, HistoryProperties properties, GapThreshold threshold) {
		super("History health check failed");
		this.loader = loader;
		this.properties = properties;
		this.threshold = threshold;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		HistoryLoader.Progress progress = this.loader.progress();
		builder.up()
			.withDetail("state", progress.active() ? progress.state().id() : "standby")
			.withDetail("source", this.loader.source().tickSource().id())
			.withDetail("percent", Math.round(progress.percent() * 10) / 10.0)
			.withDetail("coinsPending", progress.coinsPending())
			.withDetail("coins", progress.coins())
			.withDetail("stepsDone", progress.stepsDone())
			.withDetail("stepsLeft", progress.stepsLeft())
			.withDetail("ticksLoaded", progress.ticksLoaded())
			.withDetail("coinsFailing", progress.failing())
			.withDetail("period", this.properties.period().toString())
			.withDetail("maxGap", this.properties.maxGap().toString())
			.withDetail("minGap", human(this.threshold.minGap()));
		if (progress.detail() != null) {
			builder.withDetail("detail", progress.detail());
		}
		HistoryLoader.ScanReport scan = progress.lastScan();
		if (scan != null) {
			builder.withDetail("lastScan", java.util.Map.of("at", scan.at().toString(), "coins", scan.coins(), "found",
					scan.found(), "recordsRead", scan.recordsRead(), "reachedBack", human(scan.reachedBack()), "took",
					scan.took().toMillis() + " ms"));
		}
	}

	private static String human(Duration duration) {
		return Cadence.human(duration);
	}

}
