package io.cryptoviz.producer.simulated;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The simulated source's random walk.
 *
 * @param startPrices USD price each coin starts from; coins not listed start at 1 USD
 * @param circulatingSupply coins in circulation, for the market cap; coins not listed have none
 * @param volatility standard deviation of the relative price move per tick
 * @param eurPerUsd EUR/USD rate used for {@code price_eur}
 * @param seed random seed, for a repeatable walk; random when empty
 * @param interval what {@code cryptoviz.producer.poll-interval: auto} means for this source, which has no
 * plan to derive it from
 * @param historyVolatility standard deviation of the relative price move per day of the simulated history;
 * the live walk's per-tick volatility, kept up for a month, would swing prices far beyond what markets do
 */
@Validated
@ConfigurationProperties("cryptoviz.producer.simulated")
public record SimulatedProperties(@NotNull Map<String, @Positive Double> startPrices,
		@NotNull Map<String, @Positive Double> circulatingSupply, @DecimalMin("0") double volatility,
		@Positive double eurPerUsd, @Nullable Long seed, @NotNull Duration interval,
		@DecimalMin("0") double historyVolatility) {
}
