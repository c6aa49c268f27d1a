package io.cryptoviz.producer.budget;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

/**
 * What one CoinGecko plan allows.
 *
 * @param callsPerMinute calls allowed in any minute
 * @param monthlyCredits calls allowed in a calendar month; empty when the plan has no monthly credits
 * (keyless)
 * @param dataRefresh how often {@code /simple/price} has new figures: polling faster only fetches the same
 * answer again
 */
public record PlanLimits(@Positive int callsPerMinute, @Nullable @Positive Long monthlyCredits,
		@NotNull Duration dataRefresh) {

	public boolean metered() {
		return this.monthlyCredits != null;
	}

}
