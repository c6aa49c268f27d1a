package io.cryptoviz.consumer.deadletter;

import org.jspecify.annotations.Nullable;

/**
 * Why a record cannot be stored: it breaks the tick contract, or InfluxDB refused its point.
 * The message is the reason, one line.
 */
public class DeadLetterException extends RuntimeException {

	private final Kind kind;

	public DeadLetterException(Kind kind, String reason, @Nullable Throwable cause) {
		super(reason, cause);
		this.kind = kind;
	}

	public Kind kind() {
		return this.kind;
	}

	public enum Kind {

		/** Not a tick: not JSON, wrong types, missing or invalid fields. */
		POISON,

		/** A valid tick whose point InfluxDB refused (400/413/422). */
		REJECTED;

		public String tag() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
