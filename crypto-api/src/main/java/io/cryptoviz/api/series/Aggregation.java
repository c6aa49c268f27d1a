package io.cryptoviz.api.series;

import org.jspecify.annotations.Nullable;

/** How the points of one bucket make its value: InfluxQL functions, by the same name. */
enum Aggregation {

	MEAN, MEDIAN, MIN, MAX, FIRST, LAST;

	String id() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	/** {@code mean(price_usd)}. */
	String of(Field field) {
		return id() + "(" + field.id() + ")";
	}

	static Aggregation parse(String parameter, @Nullable String value) {
		return Choices.parse(parameter, value, MEAN, values(), Aggregation::id);
	}

}
