package io.cryptoviz.producer.publish;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * @param ackTimeout how long a poll waits for Kafka to acknowledge its ticks before it gives up
 * on them (they are sent again with the next poll)
 */
@Validated
@ConfigurationProperties("cryptoviz.producer.publish")
public record PublishProperties(@NotNull Duration ackTimeout) {
}
