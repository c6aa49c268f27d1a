package io.cryptoviz.api.latest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import io.cryptoviz.api.ApiProperties;
import io.cryptoviz.api.coin.CoinCatalog;
import io.cryptoviz.influx.CryptoPriceSchema;
import io.cryptoviz.influx.InfluxGateway;
import io.cryptoviz.influx.Row;
import io.cryptoviz.tick.PriceTick;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Every coin's latest tick: what InfluxDB holds, read at most once per
 * {@code cryptoviz.api.latest.cache-ttl} (2 s by default), overtaken by any newer tick the live
 * stream has seen since.
 * <p>
 * InfluxDB makes the view complete the moment the API starts (the stream, reading from the
 * latest offset, knows a coin only from its next tick) and keeps instances in agreement; the
 * stream makes a tick visible as soon as it is on Kafka, not a cache period after it is stored.
 * The newer event time wins, so late, replayed or backfilled ticks never make a price go
 * backwards. However many clients ask, InfluxDB answers one query per period.
 * <p>
 * The coins with a latest tick are the API's coins ({@link CoinCatalog}): the data says which
 * coins there are, whatever list or {@code top:N} rule the producer follows.
 */
@Component
public class LatestPrices implements CoinCatalog {

	private final InfluxGateway influx;

	private final Duration ttl;

	private final Clock clock;

	private final Object refreshLock = new Object();

	private volatile @Nullable Snapshot snapshot;

	private final Map<String, LatestPrice> streamed = new ConcurrentHashMap<>();

	LatestPrices(InfluxGateway influx, ApiProperties properties, Clock clock) {
		this.influx = influx;
		this.ttl = properties.latest().cacheTtl();
		this.clock = clock;
	}

	/** The latest tick of every coin, by coin id in alphabetical order. */
	public List<LatestPrice> all() {
		Map<String, LatestPrice> stored = current().latest();
		List<LatestPrice> all = new ArrayList<>();
		for (String coin : coins(stored)) {
			all.add(newer(stored.get(coin), this.streamed.get(coin)));
		}
		return all;
	}

	@Override
	public Set<String> coins() {
		return coins(current().latest());
	}

	private Set<String> coins(Map<String, LatestPrice> stored) {
		Set<String> coins = new TreeSet<>(stored.keySet());
		coins.addAll(this.streamed.keySet());
		return coins;
	}

	/** A coin seen on the stream is known at once, without asking InfluxDB. */
	@Override
	public boolean holds(String coin) {
		return this.streamed.containsKey(coin) || current().latest().containsKey(coin);
	}

	public Optional<LatestPrice> of(String coin) {
		return Optional.ofNullable(newer(current().latest().get(coin), this.streamed.get(coin)));
	}

	/** A tick the live stream has just seen; it is served from now on unless a newer one is known. */
	public void accept(LatestPrice tick) {
		if (PriceTick.isCoinId(tick.crypto())) {
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
		// every coin: which coins there are is what this read finds out
		String query = "SELECT * FROM " + CryptoPriceSchema.MEASUREMENT + " GROUP BY " + CryptoPriceSchema.TAG_CRYPTO
				+ " ORDER BY time DESC LIMIT 1";
		Map<String, LatestPrice> latest = new HashMap<>();
		for (Row row : this.influx.query(query)) {
			String coin = row.tag(CryptoPriceSchema.TAG_CRYPTO);
			Instant time = row.time();
			// a tag some other tool wrote that is no coin id is no coin: it never reaches a query
			if (coin != null && time != null && PriceTick.isCoinId(coin)) {
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
