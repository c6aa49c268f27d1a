package io.cryptoviz.producer.universe;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the coins of a {@code top:N} rule are kept current.
 *
 * @param refreshInterval how often the largest coins are asked for again; each time costs a call per 250
 * coins
 * @param retryInterval how soon a first list that could not be had is asked for again
 */
@Validated
@ConfigurationProperties("cryptoviz.producer.universe")
public record UniverseProperties(@NotNull Duration refreshInterval, @NotNull Duration retryInterval) {

	@AssertTrue(message = "refresh-interval must be at least 5 minutes and retry-interval at least 10 seconds")
	boolean isIntervalsLongEnough() {
		return (this.refreshInterval == null || this.refreshInterval.compareTo(Duration.ofMinutes(5)) >= 0)
				&& (this.retryInterval == null || this.retryInterval.compareTo(Duration.ofSeconds(10)) >= 0);
	}

}
