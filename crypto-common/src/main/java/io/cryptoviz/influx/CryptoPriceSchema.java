package io.cryptoviz.influx;

import java.util.List;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;
import io.cryptoviz.tick.PriceTick;
import org.jspecify.annotations.Nullable;

/**
 * How a tick is stored: measurement {@code crypto_price}, tags {@code crypto} and {@code source},
 * float fields, event time at millisecond precision. Measurement, tags and time identify a point,
 * so a redelivered tick overwrites itself instead of adding a duplicate.
 */
public final class CryptoPriceSchema {

	public static final String MEASUREMENT = "crypto_price";

	public static final String TAG_CRYPTO = "crypto";

	public static final String TAG_SOURCE = "source";

	public static final String FIELD_PRICE_USD = "price_usd";

	public static final String FIELD_PRICE_EUR = "price_eur";

	public static final String FIELD_CHANGE_24H = "change_24h";

	public static final String FIELD_MARKET_CAP = "market_cap";

	public static final String FIELD_VOLUME_24H = "volume_24h";

	public static final List<String> FIELDS = List.of(FIELD_PRICE_USD, FIELD_PRICE_EUR, FIELD_CHANGE_24H,
			FIELD_MARKET_CAP, FIELD_VOLUME_24H);

	private CryptoPriceSchema() {
	}

	/** The tick as one line of line protocol with a millisecond timestamp. */
	public static String toLineProtocol(PriceTick tick) {
		return toPoint(tick).toLineProtocol();
	}

	public static Point toPoint(PriceTick tick) {
		Point point = Point.measurement(MEASUREMENT)
			.addTag(TAG_CRYPTO, tick.crypto())
			.addTag(TAG_SOURCE, tick.source().id())
			.time(tick.timestamp().toEpochMilli(), WritePrecision.MS);
		addFloat(point, FIELD_PRICE_USD, tick.priceUsd());
		addFloat(point, FIELD_PRICE_EUR, tick.priceEur());
		addFloat(point, FIELD_CHANGE_24H, tick.change24h());
		addFloat(point, FIELD_MARKET_CAP, tick.marketCap());
		addFloat(point, FIELD_VOLUME_24H, tick.volume24h());
		return point;
	}

	// Always a Double: an integer written once would make every later float a type conflict.
	private static void addFloat(Point point, String field, @Nullable Double value) {
		if (value != null) {
			point.addField(field, value.doubleValue());
		}
	}

}
