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
import java.util.concurrent.locks.ReentrantLock;

import io.cryptoviz.api.ApiProperties;
import io.cryptoviz.api.coin.CoinCatalog;
import io.cryptoviz.influx.CryptoPriceSchema;
import io.cryptoviz.influx.InfluxGateway;
import io.cryptoviz.influx.InfluxQl;
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
 * Every coin's newest point costs InfluxDB a cursor per shard it holds, for every coin: over a
 * year of one-minute ticks, most of a second. So each period reads the ticks of the last hour
 * ({@link #RECENT}), a few milliseconds whatever the history, into what was known; and every
 * coin's newest point once a minute ({@link #WHOLE_EVERY}) and when the API starts, so that a coin
 * with no recent tick (history loaded for it, ticks deleted) is known or forgotten within a
 * minute. A request never waits for another's read while the previous one is at most a period
 * old: it answers with it.
 * <p>
 * The coins with a latest tick are the API's coins ({@link CoinCatalog}): the data says which
 * coins there are, whatever list or {@code top:N} rule the producer follows.
 */
@Component
public class LatestPrices implements CoinCatalog {

	/** The ticks a period reads: those of the last hour, however late they were stored. */
	static final Duration RECENT = Duration.ofHours(1);

	/** How often every coin's newest point is read, whenever it was. */
	static final Duration WHOLE_EVERY = Duration.ofMinutes(1);

	private final InfluxGateway influx;

	private final Duration ttl;

	private final Clock clock;

	private final ReentrantLock refreshLock = new ReentrantLock();

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
		// one reader at a time: a burst of requests on an expired cache makes one query, not many;
		// the others answer meanwhile with what it replaces, not waiting: over a year of ticks the
		// query takes long enough for every request thread (history's too, which asks which coins
		// there are) to queue behind it once a period
		if (mayServeStale(cached)) {
			if (!this.refreshLock.tryLock()) {
				return cached;
			}
		}
		else {
			this.refreshLock.lock();
		}
		try {
			cached = this.snapshot;
			if (isFresh(cached)) {
				return cached;
			}
			Snapshot read = next(cached);
			this.snapshot = read;
			return read;
		}
		finally {
			this.refreshLock.unlock();
		}
	}

	private boolean isFresh(@Nullable Snapshot cached) {
		return cached != null && this.clock.instant().isBefore(cached.readAt().plus(this.ttl));
	}

	/**
	 * Whether a snapshot past its period may still answer while another request reads the next:
	 * for one more period at most, so that while InfluxDB hangs, requests wait for it (and fail
	 * with it) rather than serve older prices for ever. Never without a cache.
	 */
	private boolean mayServeStale(@Nullable Snapshot cached) {
		return cached != null && !this.ttl.isZero()
				&& this.clock.instant().isBefore(cached.readAt().plus(this.ttl.multipliedBy(2)));
	}

	private Snapshot next(@Nullable Snapshot previous) {
		Instant now = this.clock.instant();
		if (previous == null || this.ttl.isZero() || !now.isBefore(previous.wholeAt().plus(WHOLE_EVERY))) {
			// every coin: which coins there are is what this read finds out
			return new Snapshot(now, now, read(null));
		}
		Map<String, LatestPrice> latest = new HashMap<>(previous.latest());
		// a point read again at the same time is the one InfluxDB holds now: it wins
		read(now.minus(RECENT)).forEach((coin, tick) -> latest.merge(coin, tick,
				(known, read) -> read.timestamp().isBefore(known.timestamp()) ? known : read));
		return new Snapshot(now, previous.wholeAt(), Map.copyOf(latest));
	}

	private Map<String, LatestPrice> read(@Nullable Instant since) {
		String query = "SELECT * FROM " + CryptoPriceSchema.MEASUREMENT
				+ ((since != null) ? " WHERE " + InfluxQl.timeFrom(since) : "") + " GROUP BY "
				+ CryptoPriceSchema.TAG_CRYPTO + " ORDER BY time DESC LIMIT 1";
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

	/**
	 * @param readAt when it was read
	 * @param wholeAt when every coin's newest point was last read into it
	 * @param latest by coin
	 */
	private record Snapshot(Instant readAt, Instant wholeAt, Map<String, LatestPrice> latest) {
	}

}
