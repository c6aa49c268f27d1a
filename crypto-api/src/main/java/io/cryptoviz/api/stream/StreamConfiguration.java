package io.cryptoviz.api.stream;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.cryptoviz.kafka.TickDeserializer;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * How the stream listener reads (the consumer's strict tick deserializer) and its error handling,
 * which Boot wires into its container factory: a record that is not a tick (the deserializer
 * hands it over as a failure) is logged and
 * skipped. Nothing is retried, dead-lettered or committed: the consumer owns poison records, the
 * stream just moves on.
 */
@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

	@Bean
	DefaultKafkaConsumerFactoryCustomizer tickDeserializer() {
		return TickDeserializer.consumerFactoryCustomizer();
	}

	@Bean
	CommonErrorHandler skipFailedRecords() {
		return new SkipFailedRecords();
	}

	/**
	 * spring-kafka commits a new group's position when partitions are assigned with
	 * {@code auto.offset.reset=latest}; the stream's group is thrown away with its instance, so
	 * that commit would only leave a group behind in the broker.
	 */
	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> noCommitOnAssignment() {
		return (container) -> container.getContainerProperties()
			.setAssignmentCommitOption(ContainerProperties.AssignmentCommitOption.NEVER);
	}

	static final class SkipFailedRecords implements CommonErrorHandler {

		private static final Logger log = LoggerFactory.getLogger(SkipFailedRecords.class);

		@Override
		public boolean handleOne(Exception thrown, ConsumerRecord<?, ?> record, Consumer<?, ?> consumer,
				MessageListenerContainer container) {
			log.warn("Live stream skips {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
					rootMessage(thrown));
			return true;
		}

		@Override
		public void handleOtherException(Exception thrown, Consumer<?, ?> consumer,
				MessageListenerContainer container, boolean batchListener) {
			log.warn("Live stream consumer failed: {}", rootMessage(thrown));
		}

		// the stream's group must commit nothing, not even past a skipped record
		@Override
		public boolean isAckAfterHandle() {
			return false;
		}

		private static String rootMessage(Throwable thrown) {
			Throwable root = NestedExceptionUtils.getMostSpecificCause(thrown);
			String message = root.getMessage();
			if (message != null && message.length() > 300) {
				message = message.substring(0, 300) + "…";
			}
			return root.getClass().getSimpleName() + ": " + message;
		}

	}

}
