package io.cryptoviz.producer.poll;

import java.time.Duration;
import java.util.Set;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the producer polls.
 *
 * @param source where prices come from; {@code simulated} only when asked for explicitly
 * @param pollInterval time between the starts of two polls: {@code auto} (the fastest cadence the CoinGecko
 * plan allows for the month) or a duration
 * @param currencies currencies to ask for: {@code usd} (required) and {@code eur}
 * @param maxBackoff longest wait between attempts after repeated failures
 * @param maxClockSkew how far in the future a tick's event time may be before it is refused
 * @param staleAfter the health check is DOWN when the last successful poll is older than the poll interval
 * and this
 */
@Validated
@ConfigurationProperties("cryptoviz.producer")
public record ProducerProperties(@NotNull SourceType source, @NotNull PollInterval pollInterval,
		@NotEmpty Set<Currency> currencies, @NotNull Duration maxBackoff, @NotNull Duration maxClockSkew,
		@NotNull Duration staleAfter) {

	@AssertTrue(message = "currencies must include usd: price_usd is the one required figure of a tick")
	boolean isUsdRequested() {
		return this.currencies == null || this.currencies.contains(Currency.USD);
	}

	public enum SourceType {

		/** Live prices from CoinGecko. */
		COINGECKO,

		/** A random walk, for running without internet; ticks carry {@code source=simulated}. */
		SIMULATED

	}

	public enum Currency {

		USD, EUR

	}

}
