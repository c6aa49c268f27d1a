package io.cryptoviz.influx;

import java.time.Instant;
import java.util.Collection;
import java.util.stream.Collectors;

import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickSource;

/**
 * The only ways values get into an InfluxQL statement: a coin id that matches the coin-id
 * alphabet (checked again here, on top of whatever the caller checked), a source of the fixed
 * set, and instants as integer millisecond literals. Nothing else a user types is ever written
 * into a statement.
 */
public final class InfluxQl {

	private InfluxQl() {
	}

	/** {@code crypto = 'bitcoin'}. */
	public static String coinIs(String coin) {
		if (!PriceTick.isCoinId(coin)) {
			throw new IllegalArgumentException("Not a coin id: refusing to put it in a query");
		}
		return CryptoPriceSchema.TAG_CRYPTO + " = '" + coin + "'";
	}

	/** {@code (crypto = 'bitcoin' OR crypto = 'ethereum')}. */
	public static String coinIn(Collection<String> coins) {
		if (coins.isEmpty()) {
			throw new IllegalArgumentException("No coin to query");
		}
		return coins.stream().map(InfluxQl::coinIs).collect(Collectors.joining(" OR ", "(", ")"));
	}

	/** {@code source = 'simulated'}. */
	public static String sourceIs(TickSource source) {
		return CryptoPriceSchema.TAG_SOURCE + " = '" + source.id() + "'";
	}

	/** {@code time >= <from>ms AND time < <to>ms}: from inclusive, to exclusive. */
	public static String timeBetween(Instant from, Instant to) {
		return timeFrom(from) + " AND time < " + to.toEpochMilli() + "ms";
	}

	/** {@code time >= <from>ms}: from inclusive. */
	public static String timeFrom(Instant from) {
		return "time >= " + from.toEpochMilli() + "ms";
	}

}
