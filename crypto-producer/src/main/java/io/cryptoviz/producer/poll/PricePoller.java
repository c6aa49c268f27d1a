package io.cryptoviz.producer.poll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.cryptoviz.producer.budget.CallBudget;
import io.cryptoviz.producer.publish.TickPublisher;
import io.cryptoviz.producer.source.CoinQuote;
import io.cryptoviz.producer.source.PriceSnapshot;
import io.cryptoviz.producer.source.PriceSource;
import io.cryptoviz.producer.source.PriceSourceException;
import io.cryptoviz.producer.universe.CoinUniverse;
import io.cryptoviz.tick.InvalidTickException;
import io.cryptoviz.tick.PriceTick;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * One poll: fetch every tracked coin, turn what is new and sound into ticks, publish them. A tick
 * is published only when its {@code last_updated_at} moved since the last one that Kafka
 * acknowledged; figures that are missing stay missing. Polls start one {@link PollCadence} interval
 * apart, and not while CoinGecko's monthly credits are used up (then one attempt per
 * {@code quota-exhausted-interval}). Failures never escape: each is one log line and a wait before the
 * next attempt, never shorter than the interval. A poll whose ticks were all acknowledged is announced as a
 * {@link PollSucceeded}.
 */
@Service
public class PricePoller {

	private static final Logger logger = LoggerFactory.getLogger(PricePoller.class);

	private final PriceSource source;

	private final TickPublisher publisher;

	private final CoinUniverse universe;

	private final PollCadence cadence;

	private final CallBudget budget;

	private final ProducerProperties properties;

	private final PollBackoff backoff;

	private final MeterRegistry meters;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Map<String, Instant> lastPublished = new ConcurrentHashMap<>();

	private final Set<String> reported = ConcurrentHashMap.newKeySet();

	private volatile Instant lastSuccess;

	private Instant nextAttempt = Instant.MIN;

	PricePoller(PriceSource source, TickPublisher publisher, CoinUniverse universe, PollCadence cadence,
			CallBudget budget, ProducerProperties properties, MeterRegistry meters, ApplicationEventPublisher events,
			Clock clock) {
		this.source = source;
		this.publisher = publisher;
		this.universe = universe;
		this.cadence = cadence;
		this.budget = budget;
		this.properties = properties;
		this.backoff = new PollBackoff(properties.maxBackoff());
		this.meters = meters;
		this.events = events;
		this.clock = clock;
		this.lastSuccess = clock.instant();
		// every outcome from the start, at zero, so a dashboard shows 0 rather than "No data"
		count("crypto.polls", "outcome", "success", 0);
		count("crypto.polls", "outcome", "publish_failed", 0);
		for (PriceSourceException.Kind kind : PriceSourceException.Kind.values()) {
			if (kind != PriceSourceException.Kind.INTERRUPTED) {
				count("crypto.polls", "outcome", kind.tag(), 0);
			}
		}
		count("crypto.ticks.published", "source", source.tickSource().id(), 0);
	}

	/** Polls when a poll is due; returns how many ticks were published. */
	public synchronized int pollIfDue() {
		Instant now = this.clock.instant();
		if (now.isBefore(this.nextAttempt)) {
			return 0;
		}
		Instant paused = this.budget.pausedUntil();
		List<String> coins = this.universe.coins();
		if ((paused != null && now.isBefore(paused)) || coins.isEmpty()) {
			return 0;
		}
		Duration interval = this.cadence.interval();
		this.nextAttempt = now.plus(interval);
		PriceSnapshot snapshot;
		try {
			snapshot = this.source.fetch(coins);
		}
		catch (PriceSourceException ex) {
			Duration wait = this.backoff.failed(ex.retryAfter(), interval);
			// Retry-After counts from the answer: a slow 429 measured from the request would be asked again at once
			this.nextAttempt = this.clock.instant().plus(wait);
			count("crypto.polls", "outcome", ex.kind().tag());
			if (ex.kind() != PriceSourceException.Kind.QUOTA_EXHAUSTED) {
				// the budget reports a used-up quota itself, once
				logger.warn("Poll failed: {}; next attempt in {} s", ex.getMessage(), wait.toMillis() / 1000.0);
			}
			return 0;
		}
		this.backoff.succeeded();
		List<PriceTick> fresh = freshTicks(snapshot);
		List<PriceTick> acknowledged = this.publisher.publish(fresh);
		acknowledged.forEach((tick) -> this.lastPublished.put(tick.crypto(), tick.timestamp()));
		count("crypto.polls", "outcome", (acknowledged.size() == fresh.size()) ? "success" : "publish_failed");
		if (acknowledged.size() == fresh.size()) {
			this.lastSuccess = this.clock.instant();
			this.events.publishEvent(new PollSucceeded(this.lastSuccess, acknowledged));
		}
		return acknowledged.size();
	}

	/** When the next poll is due, back-off included; a used-up quota may hold it back longer. */
	public synchronized Instant nextAttempt() {
		return this.nextAttempt;
	}

	/** When a poll last got an answer and had all its ticks acknowledged. */
	public Instant lastSuccess() {
		return this.lastSuccess;
	}

	private List<PriceTick> freshTicks(PriceSnapshot snapshot) {
		snapshot.unknown().forEach((coin) -> skip(coin, "unknown_coin",
				"the source does not know this coin id; check cryptoviz.coins"));
		snapshot.unreadable().forEach((coin, reason) -> skip(coin, "unreadable", reason));
		List<PriceTick> ticks = new ArrayList<>();
		for (CoinQuote quote : snapshot.quotes()) {
			PriceTick tick = toTick(quote);
			if (tick != null) {
				ticks.add(tick);
			}
		}
		return ticks;
	}

	private @Nullable PriceTick toTick(CoinQuote quote) {
		String coin = quote.coin();
		if (quote.usd() == null) {
			return skip(coin, "no_usd_price", "no USD price in the answer");
		}
		Instant eventTime = quote.lastUpdatedAt();
		if (eventTime == null) {
			return skip(coin, "no_timestamp", "no last_updated_at in the answer");
		}
		if (eventTime.isAfter(this.clock.instant().plus(this.properties.maxClockSkew()))) {
			return skip(coin, "future_timestamp", "last_updated_at " + eventTime + " is in the future");
		}
		Instant previous = this.lastPublished.get(coin);
		if (previous != null && !eventTime.isAfter(previous)) {
			count("crypto.ticks.skipped", "reason", "unchanged");
			return null;
		}
		try {
			PriceTick tick = new PriceTick(coin, quote.usd(), quote.eur(), quote.change24h(),
					nullIfZero(quote.marketCap()), quote.volume24h(), eventTime, this.source.tickSource());
			this.reported.removeIf((key) -> key.startsWith(coin + "|"));
			return tick;
		}
		catch (InvalidTickException ex) {
			return skip(coin, "invalid", ex.getMessage());
		}
	}

	// CoinGecko sends a market cap of 0 when it does not know it; 0 is "missing", not a figure.
	private static @Nullable Double nullIfZero(@Nullable Double value) {
		return (value != null && value == 0.0) ? null : value;
	}

	private @Nullable PriceTick skip(String coin, String reason, String detail) {
		count("crypto.ticks.skipped", "reason", reason);
		if (this.reported.add(coin + "|" + reason)) {
			logger.warn("Skipping {}: {} (reported once until it recovers)", coin, detail);
		}
		return null;
	}

	private void count(String meter, String tag, String value) {
		count(meter, tag, value, 1);
	}

	private void count(String meter, String tag, String value, int amount) {
		this.meters.counter(meter, tag, value).increment(amount);
	}

}
