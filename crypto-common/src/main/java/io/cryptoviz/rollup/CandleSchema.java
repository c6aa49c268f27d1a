package io.cryptoviz.rollup;

import java.util.List;

/**
 * How a candle is stored: measurement {@code crypto_candle}, tags {@code crypto} and
 * {@code interval}, time = the bucket's start, float fields. Measurement, tags and time identify
 * a candle, so a candle computed again replaces itself.
 */
public final class CandleSchema {

	public static final String MEASUREMENT = "crypto_candle";

	public static final String TAG_CRYPTO = "crypto";

	/** The candle's interval ({@link RollupInterval#id()}); quoted in InfluxQL, as a name that reads like a keyword. */
	public static final String TAG_INTERVAL = "interval";

	public static final String FIELD_OPEN_USD = "open_usd";

	public static final String FIELD_HIGH_USD = "high_usd";

	public static final String FIELD_LOW_USD = "low_usd";

	public static final String FIELD_CLOSE_USD = "close_usd";

	public static final String FIELD_OPEN_EUR = "open_eur";

	public static final String FIELD_HIGH_EUR = "high_eur";

	public static final String FIELD_LOW_EUR = "low_eur";

	public static final String FIELD_CLOSE_EUR = "close_eur";

	/** The last 24 h volume (USD) of the bucket's last tick that has one. */
	public static final String FIELD_VOLUME_24H = "volume_24h";

	/** The market cap (USD) of the bucket's last tick that has one. */
	public static final String FIELD_MARKET_CAP = "market_cap";

	/** How many ticks the bucket holds. */
	public static final String FIELD_TICKS = "ticks";

	/** The fields in the order a line holds them (line protocol wants no order; a fixed one makes lines comparable). */
	public static final List<String> FIELDS = List.of(FIELD_CLOSE_EUR, FIELD_CLOSE_USD, FIELD_HIGH_EUR, FIELD_HIGH_USD,
			FIELD_LOW_EUR, FIELD_LOW_USD, FIELD_MARKET_CAP, FIELD_OPEN_EUR, FIELD_OPEN_USD, FIELD_TICKS,
			FIELD_VOLUME_24H);

	private CandleSchema() {
	}

}
