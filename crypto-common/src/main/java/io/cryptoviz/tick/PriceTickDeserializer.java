package io.cryptoviz.tick;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;

/**
 * Reads a tick token by token. The consumer reads every tick on the topic, and Jackson's general
 * record support (buffered creator properties, reflection) cost it more than the rest of its work
 * on a tick; this reader does the same job in one pass and says precisely which field has the
 * wrong type. Unknown fields are skipped (newer producers may add some); the values themselves are
 * checked by {@link PriceTick}'s constructor.
 */
final class PriceTickDeserializer extends StdDeserializer<PriceTick> {

	private final IsoInstantDeserializer timestamps = new IsoInstantDeserializer();

	PriceTickDeserializer() {
		super(PriceTick.class);
	}

	@Override
	public PriceTick deserialize(JsonParser parser, DeserializationContext context) {
		if (!parser.isExpectedStartObjectToken()) {
			return (PriceTick) context.handleUnexpectedToken(PriceTick.class, parser);
		}
		String crypto = null;
		Double priceUsd = null;
		Double priceEur = null;
		Double change24h = null;
		Double marketCap = null;
		Double volume24h = null;
		Instant timestamp = null;
		TickSource source = null;
		for (String field = parser.nextName(); field != null; field = parser.nextName()) {
			JsonToken value = parser.nextToken();
			switch (field) {
				case "crypto" -> crypto = string(parser, value, field, context);
				case "price_usd" -> priceUsd = number(parser, value, field, context);
				case "price_eur" -> priceEur = number(parser, value, field, context);
				case "change_24h" -> change24h = number(parser, value, field, context);
				case "market_cap" -> marketCap = number(parser, value, field, context);
				case "volume_24h" -> volume24h = number(parser, value, field, context);
				case "timestamp" -> timestamp = (value == JsonToken.VALUE_NULL) ? null
						: this.timestamps.deserialize(parser, context);
				case "source" -> source = source(parser, value, context);
				default -> parser.skipChildren();
			}
		}
		try {
			return new PriceTick(crypto, priceUsd, priceEur, change24h, marketCap, volume24h, timestamp, source);
		}
		catch (InvalidTickException ex) {
			throw DatabindException.from(parser, ex.getMessage(), ex);
		}
	}

	private static @Nullable TickSource source(JsonParser parser, JsonToken value, DeserializationContext context) {
		String id = string(parser, value, "source", context);
		try {
			return (id != null) ? TickSource.fromId(id) : null;
		}
		catch (InvalidTickException ex) {
			throw DatabindException.from(parser, ex.getMessage(), ex);
		}
	}

	private static @Nullable String string(JsonParser parser, JsonToken value, String field,
			DeserializationContext context) {
		if (value == JsonToken.VALUE_STRING) {
			return parser.getString();
		}
		if (value == JsonToken.VALUE_NULL) {
			return null;
		}
		throw wrongType(context, parser, field, "a string", value);
	}

	private static @Nullable Double number(JsonParser parser, JsonToken value, String field,
			DeserializationContext context) {
		if (value == JsonToken.VALUE_NUMBER_FLOAT || value == JsonToken.VALUE_NUMBER_INT) {
			return parser.getDoubleValue();
		}
		if (value == JsonToken.VALUE_NULL) {
			return null;
		}
		throw wrongType(context, parser, field, "a number", value);
	}

	private static RuntimeException wrongType(DeserializationContext context, JsonParser parser, String field,
			String expected, JsonToken found) {
		return context.wrongTokenException(parser, PriceTick.class, found,
				field + " must be " + expected + ", was " + describe(found));
	}

	private static String describe(JsonToken token) {
		return switch (token) {
			case VALUE_STRING -> "a string";
			case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
			case VALUE_TRUE, VALUE_FALSE -> "a boolean";
			case START_OBJECT -> "an object";
			case START_ARRAY -> "an array";
			default -> token.name();
		};
	}

}
