package io.cryptoviz.kafka;

import java.time.Duration;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares the ticks' topic, its dead-letter topic and the history topic (Boot's {@code KafkaAdmin}
 * creates them at start-up when they do not exist and leaves existing ones alone), and the Kafka
 * health check, which Boot does not provide. Every service declares all three alike, so whichever
 * starts first creates them as the others would.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TopicProperties.class)
public class KafkaConfiguration {

	@Bean
	NewTopic ticksTopic(TopicProperties topics) {
		// the record of what was published, which the producer reads to find gaps: kept as long as
		// configured, not as long as a broker's default happens to be
		return TopicBuilder.name(topics.topic())
			.partitions(topics.partitions())
			.replicas(topics.replicationFactor())
			.config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(topics.retention().toMillis()))
			.build();
	}

	@Bean
	NewTopic deadLetterTopic(TopicProperties topics) {
		return TopicBuilder.name(topics.deadLetterTopic())
			.partitions(topics.partitions())
			.replicas(topics.replicationFactor())
			.build();
	}

	@Bean
	NewTopic historyTopic(TopicProperties topics) {
		// one record per coin still to load and one for the progress, each replacing the one before:
		// compaction keeps the latest of each key, so the topic stays small and is read whole
		return TopicBuilder.name(topics.historyTopic())
			.partitions(1)
			.replicas(topics.replicationFactor())
			.compact()
			.config(TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(Duration.ofDays(1).toMillis()))
			.build();
	}

	@Bean
	KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
		return new KafkaHealthIndicator(kafkaAdmin, Duration.ofSeconds(3));
	}

}
