package io.cryptoviz.tick;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The JSON mapper that reads ticks off the topic. It takes the contract at its word: a number
 * where a string belongs (or the other way round) is a wrong type, not something to coerce, and
 * nothing may follow the tick's object.
 */
public final class TickJson {

	private static final JsonMapper STRICT = JsonMapper.builder()
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.withCoercionConfig(LogicalType.Textual, (strings) -> strings.setCoercion(CoercionInputShape.Integer,
				CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
		.build();

	private TickJson() {
	}

	public static JsonMapper strictMapper() {
		return STRICT;
	}

}
