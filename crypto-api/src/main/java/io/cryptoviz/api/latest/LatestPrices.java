package io.cryptoviz.api.latest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.cryptoviz.api.ApiProperties;
import io.cryptoviz.api.coin.Coins;
import io.cryptoviz.influx.CryptoPriceSchema;
import io.cryptoviz.influx.InfluxGateway;
import io.cryptoviz.influx.InfluxQl;
import io.cryptoviz.influx.Row;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Every tracked coin's latest tick: what InfluxDB holds, read at most once per
 * {@code cryptoviz.api.latest.cache-ttl} (2 s by default), overtaken by any newer tick the live
 * stream has seen since.
 * <p>
 * InfluxDB makes the view complete the moment the API starts (the stream, reading from the
 * latest offset, knows a coin only from its next tick) and keeps instances in agreement; the
 * stream makes a tick visible as soon as it is on Kafka, not a cache period after it is stored.
 * The newer event time wins, so late, replayed or backfilled ticks never make a price go
 * backwards. However many clients ask, InfluxDB answers one query per period.
 */
@Component
public class LatestPrices {

	private final InfluxGateway influx;

	private final Coins coins;

	private final Duration ttl;

	private final Clock clock;

	private final Object refreshLock = new Object();

	private volatile @Nullable Snapshot snapshot;

	private final Map<String, LatestPrice> streamed = new ConcurrentHashMap<>();

	LatestPrices(InfluxGateway influx, Coins coins, ApiProperties properties, Clock clock) {
		this.influx = influx;
		this.coins = coins;
		this.ttl = properties.latest().cacheTtl();
		this.clock = clock;
	}

	/** The latest tick of each tracked coin that has one, in the configured order of the coins. */
	public List<LatestPrice> all() {
		Map<String, LatestPrice> stored = current().latest();
		List<LatestPrice> all = new ArrayList<>();
		for (String coin : this.coins.all()) {
			LatestPrice price = newer(stored.get(coin), this.streamed.get(coin));
			if (price != null) {
				all.add(price);
			}
		}
		return all;
	}

	public Optional<LatestPrice> of(String coin) {
		return Optional.ofNullable(newer(current().latest().get(coin), this.streamed.get(coin)));
	}

	/** A tick the live stream has just seen; it is served from now on unless a newer one is known. */
	public void accept(LatestPrice tick) {
		if (this.coins.isKnown(tick.crypto())) {
			this.streamed.merge(tick.crypto(), tick, LatestPrices::newer);
		}
	}

	private static @Nullable LatestPrice newer(@Nullable LatestPrice one, @Nullable LatestPrice other) {
		if (one == null || (other != null && other.timestamp().isAfter(one.timestamp()))) {
			return other;
		}
		return one;
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
		for (Row row : this.influx.query(query)) {
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
