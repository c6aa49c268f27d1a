package io.cryptoviz.producer.backfill;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the backfill command talks to CoinGecko; its pace is the call budget's.
 *
 * @param maxRetries how often one request is tried again after a 429, a 5xx, a timeout or a
 * connection failure before the run fails
 * @param retryInitialInterval first wait after such a failure when CoinGecko gives no
 * {@code Retry-After}; doubled per attempt
 * @param retryMaxInterval longest such wait
 * @param maxChunk longest span of one request for the part of the period older than the last day;
 * CoinGecko answers hourly points up to 90 days a request and daily points beyond
 * @param eurMatchTolerance how far apart a USD point and a EUR point may be and still make one
 * tick; zero pairs exact timestamps only
 */
@Validated
@ConfigurationProperties("cryptoviz.producer.backfill")
public record BackfillProperties(@Min(0) int maxRetries,
		@NotNull Duration retryInitialInterval, @NotNull Duration retryMaxInterval, @NotNull Duration maxChunk,
		@NotNull Duration eurMatchTolerance) {

	@AssertTrue(message = "retry-initial-interval, retry-max-interval and eur-match-tolerance must not be negative")
	boolean isNoDurationNegative() {
		return notNegative(this.retryInitialInterval)
				&& notNegative(this.retryMaxInterval) && notNegative(this.eurMatchTolerance);
	}

	@AssertTrue(message = "max-chunk must be at least one hour")
	boolean isMaxChunkAtLeastAnHour() {
		return this.maxChunk == null || this.maxChunk.compareTo(Duration.ofHours(1)) >= 0;
	}

	private static boolean notNegative(Duration duration) {
		return duration == null || !duration.isNegative();
	}

}
