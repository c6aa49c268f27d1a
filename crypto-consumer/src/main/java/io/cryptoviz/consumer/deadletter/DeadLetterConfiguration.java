package io.cryptoviz.consumer.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.cryptoviz.tick.PriceTick;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * Dead letters go to {@code <topic>-dlt}, same partition, with Spring Kafka's
 * {@code kafka_dlt-*} headers (original topic, partition, offset, exception) and our one-line
 * {@value DeadLetters#REASON_HEADER}. Their value is the original bytes when the record could not
 * be read, the tick's JSON when InfluxDB refused it.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

	@Bean
	KafkaTemplate<String, Object> deadLetterTemplate(KafkaProperties kafka) {
		Map<String, Object> config = kafka.buildProducerProperties();
		DelegatingByTypeSerializer values = new DelegatingByTypeSerializer(
				Map.of(byte[].class, new ByteArraySerializer(), PriceTick.class, noTypeHeaders()));
		return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config, new StringSerializer(), values));
	}

	@Bean
	DeadLetterPublishingRecoverer deadLetterPublishingRecoverer(KafkaTemplate<String, Object> deadLetterTemplate) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetterTemplate);
		recoverer.excludeHeader(HeadersToAdd.EX_STACKTRACE);
		recoverer.setHeadersFunction((record, exception) -> new RecordHeaders(
				new RecordHeader[] { new RecordHeader(DeadLetters.REASON_HEADER, reason(exception)) }));
		return recoverer;
	}

	private static byte[] reason(Exception exception) {
		String message = (exception.getMessage() != null) ? exception.getMessage() : exception.toString();
		return message.getBytes(StandardCharsets.UTF_8);
	}

	private static JacksonJsonSerializer<PriceTick> noTypeHeaders() {
		JacksonJsonSerializer<PriceTick> serializer = new JacksonJsonSerializer<>();
		serializer.setAddTypeInfo(false);
		return serializer;
	}

}
