package io.cryptoviz.kafka;

import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickJson;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;

/**
 * Reads a record's value as a {@link PriceTick} with the strict {@link TickJson} mapper, ignoring
 * type headers, and never throws: a record that is not a tick arrives with a {@code null} value and
 * the failure in a header, for the listener to dead-letter.
 */
public final class TickDeserializer {

	private TickDeserializer() {
	}

	/** Makes Boot's consumer factory read values with {@link #create()}. */
	@SuppressWarnings("unchecked")
	public static DefaultKafkaConsumerFactoryCustomizer consumerFactoryCustomizer() {
		return (factory) -> ((DefaultKafkaConsumerFactory<String, PriceTick>) factory).setValueDeserializer(create());
	}

	public static ErrorHandlingDeserializer<PriceTick> create() {
		JacksonJsonDeserializer<PriceTick> json = new JacksonJsonDeserializer<>(PriceTick.class,
				TickJson.strictMapper(), false);
		json.addTrustedPackages(PriceTick.class.getPackageName());
		return new ErrorHandlingDeserializer<>(json);
	}

}
