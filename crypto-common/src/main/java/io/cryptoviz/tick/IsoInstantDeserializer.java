package io.cryptoviz.tick;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Reads a tick's {@code timestamp}: an ISO-8601 string with an offset, nothing else (a bare
 * number could be seconds or milliseconds, a time without offset any zone). The shape every
 * producer of the topic writes, {@code 2025-10-31T10:30:45Z} or with a fraction, is read by hand:
 * {@link DateTimeFormatter} costs the consumer more per tick than the rest of the parsing.
 */
final class IsoInstantDeserializer extends StdScalarDeserializer<Instant> {

	IsoInstantDeserializer() {
		super(Instant.class);
	}

	@Override
	public Instant deserialize(JsonParser parser, DeserializationContext context) {
		if (parser.currentToken() != JsonToken.VALUE_STRING) {
			return (Instant) context.handleUnexpectedToken(Instant.class, parser);
		}
		String text = parser.getString();
		Instant instant = parseUtc(text);
		if (instant != null) {
			return instant;
		}
		try {
			return DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
		}
		catch (DateTimeException ex) {
			return (Instant) context.handleWeirdStringValue(Instant.class, text,
					"not an ISO-8601 date-time with an offset, such as 2025-10-31T10:30:45Z");
		}
	}

	/** {@code yyyy-MM-ddTHH:mm:ss[.f…]Z}, or {@code null} for any other shape. */
	static Instant parseUtc(String text) {
		int length = text.length();
		if (length < 20 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
				|| text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
			return null;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 7);
		int day = digits(text, 8, 10);
		int hour = digits(text, 11, 13);
		int minute = digits(text, 14, 16);
		int second = digits(text, 17, 19);
		int nanos = 0;
		if (length > 20) {
			int fractionDigits = length - 21;
			if (text.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
				return null;
			}
			nanos = digits(text, 20, length - 1);
			for (int i = fractionDigits; i < 9; i++) {
				nanos *= 10;
			}
		}
		if ((year | month | day | hour | minute | second | nanos) < 0 || hour > 23 || minute > 59 || second > 59
				|| month < 1 || month > 12 || day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
			return null;
		}
		long epochDay = LocalDate.of(year, month, day).toEpochDay();
		return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
	}

	/** The decimal number in {@code [from, to)}, or -1 when a character is not a digit. */
	private static int digits(String text, int from, int to) {
		int value = 0;
		for (int i = from; i < to; i++) {
			int digit = text.charAt(i) - '0';
			if (digit < 0 || digit > 9) {
				return -1;
			}
			value = value * 10 + digit;
		}
		return value;
	}

}
