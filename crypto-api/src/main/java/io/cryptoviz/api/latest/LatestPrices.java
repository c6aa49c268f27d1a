package io.cryptoviz.api.latest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.cryptoviz.api.ApiProperties;
import io.cryptoviz.api.coin.Coins;
import io.cryptoviz.api.influx.InfluxQl;
import io.cryptoviz.api.influx.InfluxQueries;
import io.cryptoviz.api.influx.Row;
import io.cryptoviz.influx.CryptoPriceSchema;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Every tracked coin's latest tick, read from InfluxDB and kept for a short while
 * ({@code cryptoviz.api.latest.cache-ttl}, 2 s by default).
 * <p>
 * A short-lived cache rather than a view fed from Kafka: what it serves is exactly what
 * InfluxDB stores, so it always agrees with the history and candles, it is complete the moment
 * the API starts (a Kafka view starting at the latest offset would not know a coin until its
 * next tick), and late or replayed ticks cannot make it go backwards. However many clients
 * ask, InfluxDB answers one query per period; ticks come every 10 s or more, so a 2 s cache
 * adds no visible delay, and the live stream carries the freshest ticks anyway.
 */
@Component
public class LatestPrices {

	private final InfluxQueries influx;

	private final Coins coins;

	private final Duration ttl;

	private final Clock clock;

	private final Object refreshLock = new Object();

	private volatile @Nullable Snapshot snapshot;

	public LatestPrices(InfluxQueries influx, Coins coins, ApiProperties properties, Clock clock) {
		this.influx = influx;
		this.coins = coins;
		this.ttl = properties.latest().cacheTtl();
		this.clock = clock;
	}

	/** The latest tick of each tracked coin that has one, in the configured order of the coins. */
	public List<LatestPrice> all() {
		Map<String, LatestPrice> latest = current().latest();
		List<LatestPrice> all = new ArrayList<>();
		for (String coin : this.coins.all()) {
			LatestPrice price = latest.get(coin);
			if (price != null) {
				all.add(price);
			}
		}
		return all;
	}

	public Optional<LatestPrice> of(String coin) {
		return Optional.ofNullable(current().latest().get(coin));
	}

	private Snapshot current() {
		Snapshot cached = this.snapshot;
		if (isFresh(cached)) {
			return cached;
		}
		// one reader at a time: a burst of requests on an expired cache makes one query, not many
		synchronized (this.refreshLock) {
			cached = this.snapshot;
			if (isFresh(cached)) {
				return cached;
			}
			Instant readAt = this.clock.instant();
			Snapshot read = new Snapshot(readAt, read());
			this.snapshot = read;
			return read;
		}
	}

	private boolean isFresh(@Nullable Snapshot cached) {
		return cached != null && this.clock.instant().isBefore(cached.readAt().plus(this.ttl));
	}

	private Map<String, LatestPrice> read() {
		String query = "SELECT * FROM " + CryptoPriceSchema.MEASUREMENT + " WHERE "
				+ InfluxQl.coinIn(this.coins.all()) + " GROUP BY " + CryptoPriceSchema.TAG_CRYPTO
				+ " ORDER BY time DESC LIMIT 1";
		Map<String, LatestPrice> latest = new HashMap<>();
		for (Row row : this.influx.select(query)) {
			String coin = row.tag(CryptoPriceSchema.TAG_CRYPTO);
			Instant time = row.time();
			if (coin != null && time != null && this.coins.isKnown(coin)) {
				latest.put(coin, new LatestPrice(coin, row.number(CryptoPriceSchema.FIELD_PRICE_USD),
						row.number(CryptoPriceSchema.FIELD_PRICE_EUR), row.number(CryptoPriceSchema.FIELD_CHANGE_24H),
						row.number(CryptoPriceSchema.FIELD_MARKET_CAP),
						row.number(CryptoPriceSchema.FIELD_VOLUME_24H), time,
						row.string(CryptoPriceSchema.TAG_SOURCE)));
			}
		}
		return Map.copyOf(latest);
	}

	private record Snapshot(Instant readAt, Map<String, LatestPrice> latest) {
	}

}
