package io.cryptoviz.consumer.listen;

import java.util.Map;

import io.cryptoviz.consumer.write.InfluxRetryBackOff;
import io.cryptoviz.consumer.write.RetryAfterHint;
import io.cryptoviz.consumer.write.WriteProperties;
import io.cryptoviz.kafka.TickDeserializer;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * How records are read (the strict tick deserializer) and what happens when a batch fails: the
 * container's error handler, which Boot wires into the listener container factory. A batch
 * the listener could not finish (InfluxDB down, the dead-letter topic unreachable) is retried
 * with the consumer paused, for as long as it takes: nothing is committed, nothing is skipped.
 */
@Configuration(proxyBeanMethods = false)
class ListenerConfiguration {

	@Bean
	DefaultKafkaConsumerFactoryCustomizer tickDeserializer() {
		return TickDeserializer.consumerFactoryCustomizer();
	}

	@Bean
	DefaultErrorHandler errorHandler(DeadLetterPublishingRecoverer deadLetters, WriteProperties write,
			RetryAfterHint retryAfter) {
		DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters,
				new InfluxRetryBackOff(write.retryInitialInterval(), write.retryMaxInterval(), retryAfter));
		// every failure is retried; the only records that reach the dead-letter topic are those
		// the listener sends there itself
		handler.setClassifications(Map.of(), true);
		handler.setRetryListeners(new BatchRetryLogger());
		return handler;
	}

}
