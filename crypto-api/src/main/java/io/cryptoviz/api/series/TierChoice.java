package io.cryptoviz.api.series;

import org.jspecify.annotations.Nullable;

/** The {@code tier} parameter: the finest tier that answers ({@code auto}), or the raw ticks whatever the candles hold. */
enum TierChoice {

	AUTO, RAW;

	String id() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	static TierChoice parse(String parameter, @Nullable String value) {
		return Choices.parse(parameter, value, AUTO, values(), TierChoice::id);
	}

}
