package io.cryptoviz.kafka;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The topic that carries ticks and its dead-letter topic ({@code <topic>-dlt}, as many
 * partitions, so a dead letter keeps its original partition).
 *
 * @param topic the ticks' topic
 * @param partitions partitions of both topics when they are created
 * @param replicationFactor replication factor of both topics when they are created
 */
@Validated
@ConfigurationProperties("cryptoviz.kafka")
public record TopicProperties(@NotBlank String topic, @Min(1) int partitions, @Min(1) short replicationFactor) {

	public static final String DEAD_LETTER_SUFFIX = "-dlt";

	public String deadLetterTopic() {
		return this.topic + DEAD_LETTER_SUFFIX;
	}

}
