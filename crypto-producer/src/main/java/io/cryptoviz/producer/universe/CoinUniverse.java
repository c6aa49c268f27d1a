package io.cryptoviz.producer.universe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.cryptoviz.producer.budget.CallBudget;
import io.cryptoviz.producer.budget.Cadence;
import io.cryptoviz.producer.source.PriceSourceException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The coins tracked now: the largest {@code N} of a {@code top:N} rule, largest first, then the fixed ids
 * not among them. The rule's coins are asked for at start and every {@code refresh-interval} after; a coin
 * that enters the top N is polled from then on, one that leaves is not, and its stored history stays. Each
 * change is logged and published as a {@link TrackedCoinsChanged}. Without a rule the list is the fixed
 * ids, and nothing is asked.
 */
@Service
public class CoinUniverse {

	private static final Logger logger = LoggerFactory.getLogger(CoinUniverse.class);

	private final CoinSelection selection;

	private final UniverseProperties properties;

	private final TopCoins topCoins;

	private final CallBudget budget;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private volatile List<String> coins;

	private volatile boolean loaded;

	private @Nullable Instant nextRefresh;

	private boolean failing;

	CoinUniverse(CoinsProperties coins, UniverseProperties properties, TopCoins topCoins, CallBudget budget,
			ApplicationEventPublisher events, MeterRegistry meters, Clock clock) {
		this.selection = coins.selection();
		this.properties = properties;
		this.topCoins = topCoins;
		this.budget = budget;
		this.events = events;
		this.clock = clock;
		this.coins = this.selection.fixed();
		this.loaded = !this.selection.hasRule();
		Gauge.builder("crypto.coins.tracked", this, (universe) -> universe.coins().size())
			.description("Coins the producer polls")
			.register(meters);
	}

	/** The coins to poll now; before a rule's first list, its fixed ids only. */
	public List<String> coins() {
		return this.coins;
	}

	public CoinSelection selection() {
		return this.selection;
	}

	/** Whether the coins are known: always without a rule, after the first list with one. */
	public boolean isLoaded() {
		return this.loaded;
	}

	/** Requests of one refresh of the rule's coins; 0 without a rule. */
	public int requestsPerRefresh() {
		return this.selection.hasRule() ? this.topCoins.requestsFor(this.selection.top()) : 0;
	}

	/** Calls of a month of refreshes. */
	public long callsPerMonth() {
		return requestsPerRefresh() * (Cadence.MONTH.toMillis() / this.properties.refreshInterval().toMillis());
	}

	/** Asks for the rule's coins when a refresh is due; failures are logged and tried again later. */
	public synchronized void refreshIfDue() {
		Instant now = this.clock.instant();
		if (!this.selection.hasRule() || (this.nextRefresh != null && now.isBefore(this.nextRefresh))
				|| this.budget.pausedUntil() != null) {
			return;
		}
		try {
			refresh(now);
		}
		catch (PriceSourceException ex) {
			Duration retry = this.loaded ? this.properties.refreshInterval() : this.properties.retryInterval();
			this.nextRefresh = now.plus(retry);
			if (!this.failing) {
				logger.warn("Could not get the top {} coins from CoinGecko: {}; {} in {} (reported once until it "
						+ "works)", this.selection.top(), ex.getMessage(),
						this.loaded ? "keeping the " + this.coins.size() + " coins tracked, next try"
								: "polling only the fixed ids (" + this.coins.size() + ") meanwhile, next try",
						Cadence.human(retry));
				this.failing = true;
			}
		}
	}

	/**
	 * The coins, asking for the rule's now if they are not known yet (the backfill command's default).
	 * @throws PriceSourceException when the rule's coins cannot be had
	 */
	public synchronized List<String> load() {
		if (!this.loaded) {
			refresh(this.clock.instant());
		}
		return this.coins;
	}

	private void refresh(Instant now) {
		List<String> top = this.topCoins.top(this.selection.top());
		Set<String> next = new LinkedHashSet<>(top);
		next.addAll(this.selection.fixed());
		Set<String> previous = new LinkedHashSet<>(this.coins);
		Set<String> entered = new LinkedHashSet<>(next);
		entered.removeAll(previous);
		Set<String> left = new LinkedHashSet<>(previous);
		left.removeAll(next);
		boolean first = !this.loaded;
		this.coins = List.copyOf(next);
		this.loaded = true;
		this.failing = false;
		this.nextRefresh = now.plus(this.properties.refreshInterval());
		if (first) {
			logger.info("Tracking the top {} coins by market cap{}: {} coins, the list refreshed every {}",
					this.selection.top(), this.selection.fixed().isEmpty() ? ""
							: " and " + this.selection.fixed().size() + " fixed", next.size(),
					Cadence.human(this.properties.refreshInterval()));
		}
		else if (!entered.isEmpty() || !left.isEmpty()) {
			logger.info("The top {} changed: {} joined and {} tracked from now on, {} left and {} no longer polled "
					+ "(what is stored of them stays); {} coins tracked", this.selection.top(), entered.size(),
					names(entered), left.size(), names(left), next.size());
		}
		if (first || !entered.isEmpty() || !left.isEmpty()) {
			this.events.publishEvent(new TrackedCoinsChanged(new ArrayList<>(next), entered, left));
		}
	}

	private static String names(Set<String> coins) {
		if (coins.isEmpty()) {
			return "none";
		}
		List<String> shown = new ArrayList<>(coins).subList(0, Math.min(coins.size(), 20));
		return String.join(", ", shown) + ((coins.size() > shown.size()) ? ", …" : "");
	}

}
