package io.cryptoviz.tick;

import java.time.Instant;

import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The JSON mapper that reads ticks off the topic. It takes the contract at its word: a number
 * where a string belongs (or the other way round) is a wrong type, not something to coerce, a
 * timestamp is an ISO-8601 string with an offset, and nothing may follow the tick's object.
 */
public final class TickJson {

	// the consumer's listener threads are few and long-lived: each keeps its parse buffers rather
	// than taking them from a pool shared by all threads
	private static final JsonMapper STRICT = JsonMapper
		.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build())
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.addModule(new SimpleModule("ticks").addDeserializer(PriceTick.class, new PriceTickDeserializer())
			.addDeserializer(Instant.class, new IsoInstantDeserializer()))
		.build();

	private TickJson() {
	}

	public static JsonMapper strictMapper() {
		return STRICT;
	}

}
