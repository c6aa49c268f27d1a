package io.cryptoviz.consumer.write;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the consumer writes to InfluxDB.
 *
 * @param batchSize most lines in one write request; a larger Kafka poll is split
 * @param timeout time a write request may take before it counts as failed (and is retried)
 * @param retryInitialInterval first wait after a failed write
 * @param retryMaxInterval longest wait between two attempts; attempts never stop
 */
@Validated
@ConfigurationProperties("cryptoviz.consumer.write")
public record WriteProperties(@Min(1) @Max(100_000) int batchSize, @NotNull Duration timeout,
		@NotNull Duration retryInitialInterval, @NotNull Duration retryMaxInterval) {
}
