package io.cryptoviz.producer.poll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.cryptoviz.producer.budget.BudgetProperties;
import io.cryptoviz.producer.budget.Cadence;
import io.cryptoviz.producer.budget.CallBudget;
import io.cryptoviz.producer.budget.Plan;
import io.cryptoviz.producer.poll.ProducerProperties.SourceType;
import io.cryptoviz.producer.simulated.SimulatedProperties;
import io.cryptoviz.producer.source.PriceSource;
import io.cryptoviz.producer.universe.CoinUniverse;
import io.cryptoviz.producer.universe.TrackedCoinsChanged;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The cadence live polling follows for the coins tracked now: derived from the CoinGecko plan with
 * {@code poll-interval: auto}, or the configured interval, which starts even when it spends the month's
 * credits early, with a warning that gives the numbers. Recomputed (and logged) when the tracked coins
 * change how many requests a poll takes, and handed to the call budget so history leaves room for it.
 */
@Component
public class PollCadence {

	private static final Logger logger = LoggerFactory.getLogger(PollCadence.class);

	/** Longest time between two checks of whether a poll is due. */
	private static final Duration TICK = Duration.ofSeconds(1);

	// the length of a long CoinGecko id, for the requests of a top:N rule whose ids are not known yet
	private static final String TYPICAL_ID = "x".repeat(15);

	private final ProducerProperties producer;

	private final SimulatedProperties simulated;

	private final BudgetProperties budgetProperties;

	private final CallBudget budget;

	private final CoinUniverse universe;

	private final PriceSource source;

	private @Nullable Cadence current;

	private @Nullable List<String> coinsOfCurrent;

	PollCadence(ProducerProperties producer, SimulatedProperties simulated, BudgetProperties budgetProperties,
			CallBudget budget, CoinUniverse universe, PriceSource source) {
		this.producer = producer;
		this.simulated = simulated;
		this.budgetProperties = budgetProperties;
		this.budget = budget;
		this.universe = universe;
		this.source = source;
	}

	/** The cadence for the coins tracked now. */
	public synchronized Cadence current() {
		List<String> coins = this.universe.coins();
		if (this.current == null || coins != this.coinsOfCurrent) {
			this.coinsOfCurrent = coins;
			Cadence next = compute(coins);
			if (this.current == null || !next.interval().equals(this.current.interval())
					|| next.requestsPerPoll() != this.current.requestsPerPoll()) {
				report(next);
			}
			this.current = next;
		}
		return this.current;
	}

	public Duration interval() {
		return current().interval();
	}

	/** How often the poll job looks whether a poll is due: every second, or faster for a faster interval. */
	public Duration tick() {
		Duration fixed = this.producer.pollInterval().fixed();
		return (fixed != null && fixed.compareTo(TICK) < 0) ? fixed : TICK;
	}

	@EventListener(ApplicationReadyEvent.class)
	void started() {
		current();
	}

	@EventListener
	void coinsChanged(TrackedCoinsChanged event) {
		current();
	}

	private Cadence compute(List<String> coins) {
		Plan plan = this.budget.plan();
		Duration fixed = this.producer.pollInterval().fixed();
		double reserve = this.budgetProperties.historyReserve();
		if (this.producer.source() == SourceType.SIMULATED) {
			return Cadence.fixed(plan, this.budget.limits(), coins.size(), 0, 0,
					(fixed != null) ? fixed : this.simulated.interval(), reserve);
		}
		boolean estimated = !this.universe.isLoaded();
		int count = estimated ? this.universe.selection().size() : coins.size();
		int requests = this.source.requestsFor(estimated ? placeholders(count) : coins);
		boolean pro = plan == Plan.PRO;
		long overhead = this.universe.callsPerMonth()
				+ (pro ? Cadence.MONTH.toMillis() / this.budgetProperties.keyCheckInterval().toMillis() : 0);
		Cadence cadence = (fixed != null)
				? Cadence.fixed(plan, this.budget.limits(), count, requests, overhead, fixed, reserve)
				: Cadence.derive(plan, this.budget.limits(), count, requests, overhead, reserve);
		this.budget.liveDemand(cadence, this.universe.requestsPerRefresh() + (pro ? 1 : 0));
		return cadence;
	}

	private void report(Cadence cadence) {
		if (this.producer.source() == SourceType.SIMULATED) {
			logger.info("Polling the simulated source every {} ({} coins; no CoinGecko calls)",
					Cadence.human(cadence.interval()), cadence.coins());
			return;
		}
		String estimate = this.universe.isLoaded() ? ""
				: " (estimated until CoinGecko names the top " + this.universe.selection().top() + ")";
		logger.info("Polling CoinGecko every {} ({}){}: {}", Cadence.human(cadence.interval()),
				cadence.derived() ? "poll-interval: auto" : "configured", estimate, cadence.describe());
		if (cadence.derived()) {
			return;
		}
		Cadence auto = Cadence.derive(cadence.plan(), cadence.limits(), cadence.coins(), cadence.requestsPerPoll(),
				cadence.overheadPerMonth(), cadence.historyReserve());
		if (cadence.exhaustsCredits()) {
			logger.warn(String.format(Locale.ROOT,
					"cryptoviz.producer.poll-interval=%s spends the %s plan's credits before the month is over: "
							+ "%,d calls in a 31-day month against %,d credits, used up after %s; polling then slows to "
							+ "one attempt every %s until the month turns. poll-interval: auto (every %s here) lasts "
							+ "the month.",
					this.producer.pollInterval(), cadence.plan().id(), cadence.callsPerMonth(),
					cadence.limits().monthlyCredits(), Cadence.human(cadence.creditsLast()),
					Cadence.human(this.budgetProperties.quotaExhaustedInterval()), Cadence.human(auto.interval())));
		}
		if (cadence.exceedsPerMinuteLimit()) {
			logger.warn(String.format(Locale.ROOT,
					"cryptoviz.producer.poll-interval=%s asks for more than the %s plan's %d calls a minute: polls "
							+ "go out as the limit allows, about every %s",
					this.producer.pollInterval(), cadence.plan().id(), cadence.limits().callsPerMinute(),
					Cadence.human(Duration.ofMillis(
							60_000L * cadence.requestsPerPoll() / cadence.limits().callsPerMinute()))));
		}
	}

	private static List<String> placeholders(int count) {
		List<String> ids = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			ids.add(TYPICAL_ID);
		}
		return ids;
	}

}
