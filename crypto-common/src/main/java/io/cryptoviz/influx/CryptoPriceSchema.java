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
		return appendLineProtocol(new StringBuilder(192), tick).toString();
	}

	/**
	 * Appends the tick as one line of line protocol, millisecond timestamp, no line break. The same
	 * line as {@link #toPoint}'s, built without its general machinery (sorted maps, escaping,
	 * {@code NumberFormat}), which cost the consumer most of its time: nothing here needs escaping
	 * (a coin id is {@code [a-z0-9-]}, the source one of three words, the names constants), and
	 * {@link Double#toString}'s form is a line-protocol float ({@code 1.5},
	 * {@code 2.1865430283961848E12}).
	 */
	public static StringBuilder appendLineProtocol(StringBuilder line, PriceTick tick) {
		line.append(MEASUREMENT)
			.append(',')
			.append(TAG_CRYPTO)
			.append('=')
			.append(tick.crypto())
			.append(',')
			.append(TAG_SOURCE)
			.append('=')
			.append(tick.source().id())
			.append(' ');
		int fieldsStart = line.length();
		appendField(line, FIELD_CHANGE_24H, tick.change24h(), fieldsStart);
		appendField(line, FIELD_MARKET_CAP, tick.marketCap(), fieldsStart);
		appendField(line, FIELD_PRICE_EUR, tick.priceEur(), fieldsStart);
		appendField(line, FIELD_PRICE_USD, tick.priceUsd(), fieldsStart);
		appendField(line, FIELD_VOLUME_24H, tick.volume24h(), fieldsStart);
		return line.append(' ').append(tick.timestamp().toEpochMilli());
	}

	private static void appendField(StringBuilder line, String field, @Nullable Double value, int fieldsStart) {
		if (value != null) {
			if (line.length() > fieldsStart) {
				line.append(',');
			}
			line.append(field).append('=').append(value.doubleValue());
		}
	}

	/** The tick as influxdb-client-java's {@link Point}, the reference for {@link #appendLineProtocol}. */
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
