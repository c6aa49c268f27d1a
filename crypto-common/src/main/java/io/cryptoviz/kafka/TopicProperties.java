package io.cryptoviz.kafka;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The topic that carries ticks, its dead-letter topic ({@code <topic>-dlt}, as many partitions, so a
 * dead letter keeps its original partition) and the producer's history topic ({@code <topic>-history},
 * compacted: what history is still to load, and how far loading it has come).
 *
 * @param topic the ticks' topic
 * @param partitions partitions of the ticks' and dead-letter topics when they are created
 * @param replicationFactor replication factor of every topic when it is created
 * @param retention how long the ticks' topic keeps records when it is created: the producer finds the gaps
 * to fill from it, so it must reach back at least as far as the longest gap to be filled exactly
 */
@Validated
@ConfigurationProperties("cryptoviz.kafka")
public record TopicProperties(@NotBlank String topic, @Min(1) int partitions, @Min(1) short replicationFactor,
		@NotNull Duration retention) {

	public static final String DEAD_LETTER_SUFFIX = "-dlt";

	public static final String HISTORY_SUFFIX = "-history";

	public String deadLetterTopic() {
		return this.topic + DEAD_LETTER_SUFFIX;
	}

	public String historyTopic() {
		return this.topic + HISTORY_SUFFIX;
	}

	@AssertTrue(message = "retention must be at least one hour")
	boolean isRetentionAtLeastAnHour() {
		return this.retention == null || this.retention.compareTo(Duration.ofHours(1)) >= 0;
	}

}
