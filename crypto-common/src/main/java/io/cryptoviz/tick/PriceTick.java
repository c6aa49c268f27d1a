package io.cryptoviz.tick;

import java.time.Instant;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * One price observation of one coin: the value of a record on topic {@code crypto-prices}.
 * <p>
 * The JSON field names are the prototype's, so existing consumers of the topic keep working.
 * A {@code PriceTick} that exists is valid: the constructor rejects what InfluxDB must never
 * receive (missing coin or USD price, non-finite or negative figures, missing event time), so a
 * record that fails to deserialize into one is a poison record by construction. Optional figures
 * are {@code null} when the source did not give them; they are never zero-filled.
 *
 * @param crypto the coin id, e.g. {@code bitcoin}; also the record key
 * @param priceUsd price in USD, required
 * @param priceEur price in EUR, when known
 * @param change24h 24 h change of the USD price, in percent, when known
 * @param marketCap market capitalisation in USD, when known
 * @param volume24h 24 h trading volume in USD, when known
 * @param timestamp event time: when the source last updated the price (not when it was polled)
 * @param source where the tick comes from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "crypto", "price_usd", "price_eur", "change_24h", "market_cap", "volume_24h", "timestamp",
		"source" })
public record PriceTick(
		@JsonProperty("crypto") String crypto,
		@JsonProperty("price_usd") Double priceUsd,
		@JsonProperty("price_eur") @Nullable Double priceEur,
		@JsonProperty("change_24h") @Nullable Double change24h,
		@JsonProperty("market_cap") @Nullable Double marketCap,
		@JsonProperty("volume_24h") @Nullable Double volume24h,
		@JsonProperty("timestamp") Instant timestamp,
		@JsonProperty("source") TickSource source) {

	/**
	 * Earliest event time accepted: the first bitcoin block. Earlier (or absurdly late) times are
	 * mistakes such as epoch milliseconds read as seconds.
	 */
	public static final Instant EARLIEST = Instant.parse("2009-01-03T00:00:00Z");

	/** Event times from here on are refused as mistakes. */
	public static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

	/** CoinGecko's id alphabet; also keeps tag values short and free of line-protocol specials. */
	public static final Pattern COIN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

	public PriceTick {
		if (crypto == null || crypto.isEmpty()) {
			throw new InvalidTickException("crypto is missing");
		}
		if (!isCoinId(crypto)) {
			throw new InvalidTickException("crypto is not a coin id (lower-case letters, digits, '-', at most 64): "
					+ abbreviate(crypto));
		}
		if (priceUsd == null) {
			throw new InvalidTickException("price_usd is missing");
		}
		requirePositive("price_usd", priceUsd);
		if (priceEur != null) {
			requirePositive("price_eur", priceEur);
		}
		if (change24h != null && !Double.isFinite(change24h)) {
			throw new InvalidTickException("change_24h is not a finite number: " + change24h);
		}
		requireNonNegative("market_cap", marketCap);
		requireNonNegative("volume_24h", volume24h);
		if (timestamp == null) {
			throw new InvalidTickException("timestamp is missing");
		}
		if (timestamp.isBefore(EARLIEST) || !timestamp.isBefore(LATEST)) {
			throw new InvalidTickException("timestamp " + timestamp + " is outside " + EARLIEST + " to " + LATEST);
		}
		if (source == null) {
			throw new InvalidTickException("source is missing");
		}
	}

	/**
	 * Whether the text matches {@link #COIN_ID}; checked by hand because the consumer checks every
	 * tick it reads, and the regular expression cost it more than the rest of the checks.
	 */
	public static boolean isCoinId(String text) {
		int length = text.length();
		if (length == 0 || length > 64 || text.charAt(0) == '-') {
			return false;
		}
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
				return false;
			}
		}
		return true;
	}

	/** The Kafka record key: one coin's ticks stay ordered on one partition. */
	public String key() {
		return this.crypto;
	}

	private static void requirePositive(String field, double value) {
		if (!Double.isFinite(value) || value <= 0) {
			throw new InvalidTickException(field + " must be a positive finite number, was " + value);
		}
	}

	private static void requireNonNegative(String field, @Nullable Double value) {
		if (value != null && (!Double.isFinite(value) || value < 0)) {
			throw new InvalidTickException(field + " must be a finite number >= 0, was " + value);
		}
	}

	private static String abbreviate(String value) {
		return (value.length() <= 40) ? "'" + value + "'" : "'" + value.substring(0, 40) + "…' (" + value.length()
				+ " chars)";
	}

}
