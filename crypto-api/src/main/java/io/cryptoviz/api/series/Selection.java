package io.cryptoviz.api.series;

import io.cryptoviz.influx.CryptoPriceSchema;
import io.cryptoviz.rollup.CandleSchema;
import org.jspecify.annotations.Nullable;

/**
 * What a bucket's columns are made of: from the raw ticks, and from the candles where they hold
 * the same answer. A candle keeps its bucket's first, highest, lowest and last price and its last
 * market cap and volume, and these are selections: the first of the first prices of a bucket's
 * candles is the first of its ticks, and so on. A mean, a median or the 24 h change cannot be
 * told from them.
 *
 * @param raw the columns of a statement over {@code crypto_price}
 * @param candles the same columns over {@code crypto_candle}; {@code null} when candles cannot answer
 */
record Selection(String raw, @Nullable String candles) {

	/** {@code fromCandles}: whether the candles can answer. */
	boolean fromCandles() {
		return this.candles != null;
	}

	static Selection history(Field field, Aggregation aggregation) {
		String candle = candleField(field, aggregation);
		return new Selection(aggregation.of(field) + " AS value",
				(candle != null) ? aggregation.id() + "(" + candle + ") AS value" : null);
	}

	static Selection candles(Currency currency) {
		String price = currency.priceField();
		String raw = "first(" + price + ") AS open, max(" + price + ") AS high, min(" + price + ") AS low, last("
				+ price + ") AS close, last(" + CryptoPriceSchema.FIELD_VOLUME_24H + ") AS volume";
		String id = currency.id();
		String candles = "first(open_" + id + ") AS open, max(high_" + id + ") AS high, min(low_" + id
				+ ") AS low, last(close_" + id + ") AS close, last(" + CandleSchema.FIELD_VOLUME_24H + ") AS volume";
		return new Selection(raw, candles);
	}

	/** The mean price, which only the raw ticks hold. */
	static Selection mean(Currency currency) {
		return new Selection("mean(" + currency.priceField() + ") AS value", null);
	}

	/** The candle field that the aggregation of the candles' field gives the aggregation of the ticks' field. */
	private static @Nullable String candleField(Field field, Aggregation aggregation) {
		String currency = switch (field) {
			case PRICE_USD -> "usd";
			case PRICE_EUR -> "eur";
			default -> null;
		};
		if (currency != null) {
			return switch (aggregation) {
				case FIRST -> "open_" + currency;
				case MAX -> "high_" + currency;
				case MIN -> "low_" + currency;
				case LAST -> "close_" + currency;
				default -> null;
			};
		}
		if (aggregation == Aggregation.LAST && field == Field.MARKET_CAP) {
			return CandleSchema.FIELD_MARKET_CAP;
		}
		if (aggregation == Aggregation.LAST && field == Field.VOLUME_24H) {
			return CandleSchema.FIELD_VOLUME_24H;
		}
		return null;
	}

}
