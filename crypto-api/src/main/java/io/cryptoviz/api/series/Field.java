package io.cryptoviz.api.series;

import io.cryptoviz.influx.CryptoPriceSchema;
import org.jspecify.annotations.Nullable;

/** The fields of a tick that have a history. */
enum Field {

	PRICE_USD(CryptoPriceSchema.FIELD_PRICE_USD), PRICE_EUR(CryptoPriceSchema.FIELD_PRICE_EUR),
	CHANGE_24H(CryptoPriceSchema.FIELD_CHANGE_24H), MARKET_CAP(CryptoPriceSchema.FIELD_MARKET_CAP),
	VOLUME_24H(CryptoPriceSchema.FIELD_VOLUME_24H);

	private final String id;

	Field(String id) {
		this.id = id;
	}

	String id() {
		return this.id;
	}

	static Field parse(String parameter, @Nullable String value) {
		return Choices.parse(parameter, value, PRICE_USD, values(), Field::id);
	}

}
