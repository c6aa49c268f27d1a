package io.cryptoviz.producer.budget;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the monthly credits are shared and what happens when they run out.
 *
 * @param historyReserve share of the monthly credits that live polling leaves for loading history; history
 * also gets whatever live polling will not spend this month
 * @param quotaExhaustedInterval while CoinGecko says the monthly credits are used up, one attempt per this
 * long (and one at the start of the next month)
 * @param keyCheckInterval how often the pro plan's {@code /key} endpoint is asked for the credits left
 */
@Validated
@ConfigurationProperties("cryptoviz.coingecko.budget")
public record BudgetProperties(@DecimalMin("0.0") @DecimalMax("0.9") double historyReserve,
		@NotNull Duration quotaExhaustedInterval, @NotNull Duration keyCheckInterval) {

	@AssertTrue(message = "quota-exhausted-interval and key-check-interval must be at least one minute")
	boolean isIntervalsAtLeastAMinute() {
		return atLeastAMinute(this.quotaExhaustedInterval) && atLeastAMinute(this.keyCheckInterval);
	}

	private static boolean atLeastAMinute(Duration duration) {
		return duration == null || duration.compareTo(Duration.ofMinutes(1)) >= 0;
	}

}
