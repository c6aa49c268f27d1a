package io.cryptoviz.consumer.write;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the consumer retries a batch InfluxDB did not take (how it reaches InfluxDB: {@code influx.*}).
 *
 * @param retryInitialInterval first wait after a failed write, doubled per attempt
 * @param retryMaxInterval longest wait between two attempts; attempts never stop
 */
@Validated
@ConfigurationProperties("cryptoviz.consumer.write")
public record WriteProperties(@NotNull Duration retryInitialInterval, @NotNull Duration retryMaxInterval) {
}
