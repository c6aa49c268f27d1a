package io.cryptoviz.api.series;

import io.cryptoviz.influx.CryptoPriceSchema;
import org.jspecify.annotations.Nullable;

/** The currencies prices are stored in. */
enum Currency {

	USD("usd", CryptoPriceSchema.FIELD_PRICE_USD), EUR("eur", CryptoPriceSchema.FIELD_PRICE_EUR);

	private final String id;

	private final String priceField;

	Currency(String id, String priceField) {
		this.id = id;
		this.priceField = priceField;
	}

	String id() {
		return this.id;
	}

	String priceField() {
		return this.priceField;
	}

	static Currency parse(String parameter, @Nullable String value) {
		return Choices.parse(parameter, value, USD, values(), Currency::id);
	}

}
