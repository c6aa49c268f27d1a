package io.cryptoviz.api.series;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * An answer of history, candles or compare as the API writes it: a cached one with its JSON,
 * written once when it is cached and copied into every response it answers. Writing hundreds of
 * points' times and prices as text is most of what a cached answer would cost otherwise (a year
 * of daily candles: the CPU of a few dozen {@code latest} answers). springdoc describes the
 * answer itself ({@code OpenApiConfiguration} ignores this wrapper).
 *
 * @param <T> the answer's type
 */
public final class SerializedAnswer<T> implements JacksonSerializable {

	private final T answer;

	private final @Nullable SerializedString json;

	private SerializedAnswer(T answer, @Nullable SerializedString json) {
		this.answer = answer;
		this.json = json;
	}

	/** An answer that is kept, with its JSON from the mapper the API writes its answers with. */
	static <T> SerializedAnswer<T> written(T answer, JsonMapper json) {
		return new SerializedAnswer<>(answer, new SerializedString(json.writeValueAsString(answer)));
	}

	/** An answer given once: written as any other, when it is. */
	static <T> SerializedAnswer<T> unwritten(T answer) {
		return new SerializedAnswer<>(answer, null);
	}

	T answer() {
		return this.answer;
	}

	/** Whether its JSON is written already; for tests. */
	boolean isWritten() {
		return this.json != null;
	}

	@Override
	public void serialize(JsonGenerator generator, SerializationContext context) {
		if (this.json != null) {
			generator.writeRawValue(this.json);
		}
		else {
			context.writeValue(generator, this.answer);
		}
	}

	@Override
	public void serializeWithType(JsonGenerator generator, SerializationContext context, TypeSerializer types) {
		// the answers are records of their own type, never written with type information
		serialize(generator, context);
	}

}
