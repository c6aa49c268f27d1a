package io.cryptoviz.producer.history;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Loading history in the background.
 *
 * @param enabled whether the active producer finds and loads missing history at all
 * @param period the history a coin gets that has no tick on the topic (a fresh install, a coin that joins
 * the tracked set, a stop longer than {@code maxGap}); zero loads none
 * @param maxGap the longest gap filled exactly: a coin whose last tick is older is loaded as if it had
 * none; zero fills no gap. The topic is read back this far (or {@code period}, when longer)
 * @param minGapPolls a gap is loaded when it is longer than this many poll intervals (each at least the
 * plan's data refresh, for CoinGecko): shorter ones are what polling leaves between two ticks
 * @param retryInterval how soon a coin whose step failed is tried again
 */
@Validated
@ConfigurationProperties("cryptoviz.producer.history")
public record HistoryProperties(boolean enabled, @NotNull Duration period, @NotNull Duration maxGap,
		@Min(1) int minGapPolls, @NotNull Duration retryInterval) {

	@AssertTrue(message = "period and max-gap must not be negative, and retry-interval must be positive")
	boolean isDurationsValid() {
		return (this.period == null || !this.period.isNegative()) && (this.maxGap == null || !this.maxGap.isNegative())
				&& (this.retryInterval == null || (!this.retryInterval.isNegative() && !this.retryInterval.isZero()));
	}

	/** How far back the ticks' topic is read for a coin's last tick. */
	Duration horizon() {
		return (this.period.compareTo(this.maxGap) > 0) ? this.period : this.maxGap;
	}

}
