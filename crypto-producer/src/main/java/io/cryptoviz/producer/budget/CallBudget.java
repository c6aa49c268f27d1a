package io.cryptoviz.producer.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one budget every CoinGecko call spends from: the plan's per-minute limit, shared by everything this
 * producer sends, and its monthly credits, counted per calendar month (UTC).
 * <p>
 * Live work (prices, the coin list, the key check) comes first: it waits only for the per-minute limit.
 * History loading gets what live work leaves: of each minute, the calls live polling does not need, spaced
 * evenly; of each month, the credits live polling will not spend. It waits, interruptibly, until both
 * allow a call. When CoinGecko says the monthly credits are used up, that is logged once, live polling
 * drops to one attempt per {@code quota-exhausted-interval} (the caller asks {@link #pausedUntil()}), and
 * history waits until a call succeeds again or the month turns.
 * <p>
 * Calls are counted by this process since it started; on the pro plan the {@code /key} endpoint's own count
 * takes over when it is higher (it also counts calls made elsewhere with the same key).
 */
public class CallBudget {

	private static final Logger logger = LoggerFactory.getLogger(CallBudget.class);

	private static final Duration MINUTE = Duration.ofMinutes(1);

	/** Longest single wait of a history call before it looks again (the live demand may have changed). */
	private static final Duration RECHECK = Duration.ofMinutes(1);

	private final Plan plan;

	private final PlanLimits limits;

	private final BudgetProperties properties;

	private final Clock clock;

	private final Waiter waiter;

	private final MeterRegistry meters;

	private final Deque<Instant> lastMinute = new ArrayDeque<>();

	private YearMonth month;

	private long callsThisMonth;

	private long historyCallsThisMonth;

	private int livePerMinute;

	private double livePerSecond;

	private long livePerMonth;

	private @Nullable Instant lastHistoryCall;

	private @Nullable Exhaustion exhaustion;

	private @Nullable KeyUsage keyUsage;

	private long callsAtKeyUsage;

	public CallBudget(Plan plan, PlanLimits limits, BudgetProperties properties, Clock clock, Waiter waiter,
			MeterRegistry meters) {
		this.plan = plan;
		this.limits = limits;
		this.properties = properties;
		this.clock = clock;
		this.waiter = waiter;
		this.meters = meters;
		this.month = YearMonth.now(clock.withZone(ZoneOffset.UTC));
		for (Purpose purpose : Purpose.values()) {
			counter(purpose);
		}
		Gauge.builder("crypto.coingecko.calls.month", this, CallBudget::callsThisMonth)
			.description("Calls to CoinGecko this calendar month (UTC), counted since the producer started")
			.register(meters);
		Gauge.builder("crypto.coingecko.calls.projected", this, CallBudget::projectedThisMonth)
			.description("Calls to CoinGecko this month: so far, plus live polling's for the rest of the month")
			.register(meters);
		Gauge.builder("crypto.coingecko.quota.exhausted", this, (budget) -> budget.isQuotaExhausted() ? 1 : 0)
			.description("1 while CoinGecko says the monthly credits are used up")
			.register(meters);
		if (limits.metered()) {
			Gauge.builder("crypto.coingecko.credits.monthly", limits, (l) -> l.monthlyCredits())
				.description("Monthly credits of the plan")
				.register(meters);
		}
		if (plan == Plan.PRO) {
			Gauge.builder("crypto.coingecko.credits.remaining", this, CallBudget::creditsRemaining)
				.description("Credits left this month, as CoinGecko's /key endpoint last said")
				.register(meters);
		}
	}

	public Plan plan() {
		return this.plan;
	}

	public PlanLimits limits() {
		return this.limits;
	}

	/**
	 * Tells the budget what live polling needs, so history leaves room for it.
	 * @param cadence the cadence live polling follows
	 * @param overheadPerRefresh calls of one coin list refresh and key check, which may fall in any minute
	 */
	public synchronized void liveDemand(Cadence cadence, int overheadPerRefresh) {
		this.livePerMinute = cadence.liveCallsPerMinute(overheadPerRefresh);
		this.livePerSecond = cadence.liveCallsPerSecond();
		this.livePerMonth = cadence.callsPerMonth();
	}

	/**
	 * Waits until a call for this purpose may go out, then counts it.
	 * @throws InterruptedException when interrupted while waiting; nothing was counted
	 */
	public void awaitTurn(Purpose purpose) throws InterruptedException {
		while (true) {
			Instant wakeUp;
			synchronized (this) {
				Instant now = this.clock.instant();
				roll(now);
				prune(now);
				wakeUp = (purpose == Purpose.HISTORY) ? historyWait(now) : liveWait();
				if (wakeUp == null) {
					count(now, purpose);
					return;
				}
			}
			this.waiter.waitUntil(wakeUp);
		}
	}

	/** CoinGecko answered a call: if the credits were used up, they are back. */
	public synchronized void succeeded() {
		if (this.exhaustion != null) {
			logger.info("CoinGecko answers again after refusing since {} for want of monthly credits: polling is back "
					+ "to its cadence", this.exhaustion.since());
			this.exhaustion = null;
		}
	}

	/** CoinGecko refused a call because the month's credits are used up. */
	public synchronized void quotaExhausted(String message) {
		Instant now = this.clock.instant();
		roll(now);
		if (this.exhaustion == null) {
			logger.warn("{}: live polling slows to one attempt every {} and history loading waits, until CoinGecko "
					+ "answers again (at the latest when the month turns, {}, or with a bigger plan). This is "
					+ "logged once.", message, Cadence.human(this.properties.quotaExhaustedInterval()),
					startOfNextMonth());
			this.exhaustion = new Exhaustion(now, now, message);
		}
		else {
			this.exhaustion = new Exhaustion(this.exhaustion.since(), now, this.exhaustion.message());
		}
	}

	/** Until when live calls should not be tried, the quota being used up; empty when they may. */
	public synchronized @Nullable Instant pausedUntil() {
		roll(this.clock.instant());
		if (this.exhaustion == null) {
			return null;
		}
		Instant next = this.exhaustion.lastAttempt().plus(this.properties.quotaExhaustedInterval());
		Instant monthTurns = startOfNextMonth();
		return next.isBefore(monthTurns) ? next : monthTurns;
	}

	public synchronized boolean isQuotaExhausted() {
		roll(this.clock.instant());
		return this.exhaustion != null;
	}

	/** What the pro plan's {@code /key} endpoint said. */
	public synchronized void keyUsage(KeyUsage usage) {
		roll(this.clock.instant());
		this.keyUsage = usage;
		this.callsAtKeyUsage = this.callsThisMonth;
		if (usage.callsPerMinute() != null && usage.callsPerMinute() != this.limits.callsPerMinute()
				|| usage.monthlyCredits() != null && !usage.monthlyCredits().equals(this.limits.monthlyCredits())) {
			logger.info("CoinGecko's /key says this key has {} calls a minute and {} credits a month; the cadence "
					+ "follows cryptoviz.coingecko.plans.{} ({} and {}): set those to your plan's figures",
					usage.callsPerMinute(), usage.monthlyCredits(), this.plan.id(), this.limits.callsPerMinute(),
					this.limits.monthlyCredits());
		}
	}

	/** Least time between two history calls: the minute's calls live polling leaves, spread evenly. */
	public synchronized Duration historySpacing() {
		int share = this.limits.callsPerMinute() - this.livePerMinute;
		return (share > 0) ? MINUTE.dividedBy(share) : MINUTE;
	}

	/**
	 * History calls the month still allows after live polling's share; empty on a plan without monthly
	 * credits.
	 */
	public synchronized @Nullable Long historyAllowance() {
		Instant now = this.clock.instant();
		roll(now);
		return historyAllowance(now);
	}

	public synchronized Snapshot snapshot() {
		Instant now = this.clock.instant();
		roll(now);
		return new Snapshot(this.plan, this.limits, this.month, this.callsThisMonth, this.historyCallsThisMonth,
				Math.round(projectedThisMonth()), historyAllowance(now),
				(this.keyUsage != null) ? creditsRemainingNow() : null, this.exhaustion);
	}

	private @Nullable Instant liveWait() {
		if (this.lastMinute.size() < this.limits.callsPerMinute()) {
			return null;
		}
		return this.lastMinute.peekFirst().plus(MINUTE);
	}

	private @Nullable Instant historyWait(Instant now) {
		Instant recheck = now.plus(RECHECK);
		if (this.exhaustion != null) {
			return earliest(recheck, startOfNextMonth());
		}
		int share = this.limits.callsPerMinute() - this.livePerMinute;
		if (share <= 0) {
			return recheck;
		}
		if (this.lastHistoryCall != null) {
			Instant spaced = this.lastHistoryCall.plus(MINUTE.dividedBy(share));
			if (now.isBefore(spaced)) {
				return spaced;
			}
		}
		if (this.lastMinute.size() + this.livePerMinute >= this.limits.callsPerMinute()) {
			return this.lastMinute.peekFirst().plus(MINUTE);
		}
		Long allowance = historyAllowance(now);
		if (allowance != null && allowance < 1) {
			return earliest(recheck.plus(Duration.ofMinutes(59)), startOfNextMonth());
		}
		return null;
	}

	/**
	 * What the month leaves history: the credits, less live polling's month (its projection, or what it has
	 * spent and will spend when that is more), less what history spent. The projection stands in for calls
	 * made before this process started, so a restart does not free credits that are gone; the key check
	 * corrects it where there is one.
	 */
	private @Nullable Long historyAllowance(Instant now) {
		if (!this.limits.metered()) {
			return null;
		}
		double rest = this.livePerSecond * Duration.between(now, startOfNextMonth()).toSeconds();
		long liveSpent = this.callsThisMonth - this.historyCallsThisMonth;
		double live = Math.max(this.livePerMonth, liveSpent + rest);
		long allowance = (long) Math.floor(this.limits.monthlyCredits() - live - this.historyCallsThisMonth);
		Long remaining = creditsRemainingNow();
		if (remaining != null) {
			allowance = Math.min(allowance, (long) Math.floor(remaining - rest));
		}
		return Math.max(0, allowance);
	}

	private void count(Instant now, Purpose purpose) {
		this.lastMinute.addLast(now);
		this.callsThisMonth++;
		if (purpose == Purpose.HISTORY) {
			this.historyCallsThisMonth++;
			this.lastHistoryCall = now;
		}
		counter(purpose).increment();
	}

	private void prune(Instant now) {
		Instant cutoff = now.minus(MINUTE);
		while (!this.lastMinute.isEmpty() && !this.lastMinute.peekFirst().isAfter(cutoff)) {
			this.lastMinute.pollFirst();
		}
	}

	// A new month brings new credits: the counts start over and a used-up quota is lifted.
	private void roll(Instant now) {
		YearMonth current = YearMonth.from(now.atZone(ZoneOffset.UTC));
		if (!current.equals(this.month)) {
			this.month = current;
			this.callsThisMonth = 0;
			this.historyCallsThisMonth = 0;
			this.keyUsage = null;
			if (this.exhaustion != null) {
				logger.info("A new month ({}): CoinGecko's credits are back, polling resumes its cadence", current);
				this.exhaustion = null;
			}
		}
	}

	private synchronized double callsThisMonth() {
		roll(this.clock.instant());
		return this.callsThisMonth;
	}

	private synchronized double projectedThisMonth() {
		Instant now = this.clock.instant();
		roll(now);
		return Math.max(this.callsThisMonth, usedThisMonth())
				+ this.livePerSecond * Duration.between(now, startOfNextMonth()).toSeconds();
	}

	private synchronized double creditsRemaining() {
		roll(this.clock.instant());
		Long remaining = creditsRemainingNow();
		return (remaining != null) ? remaining : Double.NaN;
	}

	private @Nullable Long creditsRemainingNow() {
		if (this.keyUsage == null || this.keyUsage.remaining() == null) {
			return null;
		}
		return Math.max(0, this.keyUsage.remaining() - (this.callsThisMonth - this.callsAtKeyUsage));
	}

	private long usedThisMonth() {
		if (this.keyUsage == null || this.keyUsage.used() == null) {
			return this.callsThisMonth;
		}
		return this.keyUsage.used() + (this.callsThisMonth - this.callsAtKeyUsage);
	}

	private Instant startOfNextMonth() {
		return this.month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	private Counter counter(Purpose purpose) {
		return Counter.builder("crypto.coingecko.calls")
			.description("Calls to CoinGecko by what they were for")
			.tag("purpose", purpose.tag())
			.register(this.meters);
	}

	private static Instant earliest(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	/** What a call is for. */
	public enum Purpose {

		/** Live prices ({@code /simple/price}). */
		PRICES,

		/** The coin list of a {@code top:N} rule ({@code /coins/markets}). */
		COIN_LIST,

		/** The pro plan's usage ({@code /key}). */
		KEY,

		/** History ({@code /coins/{id}/market_chart/range}), which gets what live work leaves. */
		HISTORY;

		public String tag() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	/**
	 * What CoinGecko's {@code /key} endpoint says of the key's month; any figure may be missing.
	 *
	 * @param callsPerMinute the plan's per-minute limit
	 * @param monthlyCredits the plan's monthly credits
	 * @param used calls made this month
	 * @param remaining credits left this month
	 */
	public record KeyUsage(@Nullable Integer callsPerMinute, @Nullable Long monthlyCredits, @Nullable Long used,
			@Nullable Long remaining) {
	}

	/**
	 * Since when CoinGecko refuses calls for want of credits.
	 *
	 * @param since the first refusal
	 * @param lastAttempt the latest refused call
	 * @param message what CoinGecko said
	 */
	public record Exhaustion(Instant since, Instant lastAttempt, String message) {
	}

	/**
	 * The budget's state, for health and tests.
	 *
	 * @param plan the plan
	 * @param limits its limits
	 * @param month the month counted
	 * @param calls calls this month
	 * @param historyCalls of which for history
	 * @param projected calls projected for the whole month
	 * @param historyAllowance history calls the month still allows; empty without monthly credits
	 * @param creditsRemaining credits left, from the pro plan's {@code /key}; empty elsewhere
	 * @param exhaustion since when the credits are used up; empty when they are not
	 */
	public record Snapshot(Plan plan, PlanLimits limits, YearMonth month, long calls, long historyCalls,
			long projected, @Nullable Long historyAllowance, @Nullable Long creditsRemaining,
			@Nullable Exhaustion exhaustion) {
	}

}
