package io.cryptoviz.kafka;

import java.time.Duration;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares the ticks' topic and its dead-letter topic (Boot's {@code KafkaAdmin} creates them at
 * start-up when they do not exist and leaves existing ones alone), and the Kafka health check,
 * which Boot does not provide.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TopicProperties.class)
public class KafkaConfiguration {

	@Bean
	NewTopic ticksTopic(TopicProperties topics) {
		return TopicBuilder.name(topics.topic())
			.partitions(topics.partitions())
			.replicas(topics.replicationFactor())
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
	KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
		return new KafkaHealthIndicator(kafkaAdmin, Duration.ofSeconds(3));
	}

}
