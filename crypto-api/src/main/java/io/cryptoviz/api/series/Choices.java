package io.cryptoviz.api.series;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cryptoviz.api.problem.InvalidParameterException;
import org.jspecify.annotations.Nullable;

/** Parses a parameter into one of a fixed set of values, by id, ignoring case. */
final class Choices {

	private Choices() {
	}

	static <E extends Enum<E>> E parse(String parameter, @Nullable String value, E defaultValue, E[] choices,
			Function<E, String> id) {
		if (value == null || value.isBlank()) {
			return defaultValue;
		}
		String wanted = value.strip().toLowerCase(Locale.ROOT);
		for (E choice : choices) {
			if (id.apply(choice).equals(wanted)) {
				return choice;
			}
		}
		throw new InvalidParameterException(parameter, parameter + " " + InvalidParameterException.shown(value)
				+ " is not one of " + Arrays.stream(choices).map(id).collect(Collectors.joining(", ")) + ".");
	}

}
