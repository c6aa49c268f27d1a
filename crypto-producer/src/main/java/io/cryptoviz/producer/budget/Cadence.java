package io.cryptoviz.producer.budget;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * How often live prices are polled, and what that costs a month.
 * <p>
 * The derived cadence ({@code poll-interval: auto}) is the shortest whole number of seconds that is no
 * shorter than the plan's data refresh (a faster poll fetches the same figures again), keeps one poll's
 * requests inside the per-minute limit, and lets a month of polls, with the coin list refreshes and key
 * checks, fit in the monthly credits less the history reserve. The month is {@link #MONTH} long, the
 * longest there is, so every month fits; the cadence is steady, so a restart mid-month changes nothing.
 *
 * @param plan the plan
 * @param limits its limits
 * @param coins coins polled
 * @param requestsPerPoll requests one poll of those coins takes
 * @param overheadPerMonth other calls a month: coin list refreshes, key checks
 * @param interval time between the starts of two polls
 * @param derived whether the interval was derived ({@code auto}) rather than configured
 * @param historyReserve share of the monthly credits kept for history
 */
public record Cadence(Plan plan, PlanLimits limits, int coins, int requestsPerPoll, long overheadPerMonth,
		Duration interval, boolean derived, double historyReserve) {

	public static final Duration MONTH = Duration.ofDays(31);

	private static final long MINUTE_MS = 60_000;

	public static Cadence derive(Plan plan, PlanLimits limits, int coins, int requestsPerPoll, long overheadPerMonth,
			double historyReserve) {
		long millis = limits.dataRefresh().toMillis();
		millis = Math.max(millis, ceilDiv(MINUTE_MS * requestsPerPoll, limits.callsPerMinute()));
		if (limits.metered() && requestsPerPoll > 0) {
			long polls = liveCredits(limits, overheadPerMonth, historyReserve) / requestsPerPoll;
			millis = Math.max(millis, (polls > 0) ? ceilDiv(MONTH.toMillis(), polls) : MONTH.toMillis());
		}
		Duration interval = Duration.ofSeconds(ceilDiv(millis, 1000));
		return new Cadence(plan, limits, coins, requestsPerPoll, overheadPerMonth, interval, true, historyReserve);
	}

	public static Cadence fixed(Plan plan, PlanLimits limits, int coins, int requestsPerPoll, long overheadPerMonth,
			Duration interval, double historyReserve) {
		return new Cadence(plan, limits, coins, requestsPerPoll, overheadPerMonth, interval, false, historyReserve);
	}

	/** Polls in a month, the first at its start. */
	public long pollsPerMonth() {
		return ceilDiv(MONTH.toMillis(), this.interval.toMillis());
	}

	/** Every call of a month: prices, coin list, key checks. */
	public long callsPerMonth() {
		return pollsPerMonth() * this.requestsPerPoll + this.overheadPerMonth;
	}

	/** Credits left for history after live polling's month; empty on a plan without monthly credits. */
	public @Nullable Long historyCreditsPerMonth() {
		return this.limits.metered() ? this.limits.monthlyCredits() - callsPerMonth() : null;
	}

	/** Calls live work may need in one minute: a poll or two, a coin list refresh, a key check. */
	int liveCallsPerMinute(int overheadPerRefresh) {
		long polls = ceilDiv(MINUTE_MS, Math.max(1, this.interval.toMillis()));
		return (int) Math.min(this.limits.callsPerMinute(), polls * this.requestsPerPoll + overheadPerRefresh);
	}

	/** Live calls per second, on average over the month. */
	double liveCallsPerSecond() {
		return callsPerMonth() / (double) MONTH.toSeconds();
	}

	/** Whether a month at this cadence spends more than the monthly credits. */
	public boolean exhaustsCredits() {
		return this.limits.metered() && callsPerMonth() > this.limits.monthlyCredits();
	}

	/** Whether one poll's requests, at this cadence, make more calls a minute than the plan allows. */
	public boolean exceedsPerMinuteLimit() {
		return ceilDiv(MINUTE_MS * this.requestsPerPoll, Math.max(1, this.interval.toMillis())) > this.limits
			.callsPerMinute();
	}

	/** When a month at this cadence runs out of credits, counted from its start; empty when it does not. */
	public @Nullable Duration creditsLast() {
		if (!exhaustsCredits() || this.requestsPerPoll == 0) {
			return null;
		}
		long polls = Math.max(0, this.limits.monthlyCredits() - this.overheadPerMonth) / this.requestsPerPoll;
		return this.interval.multipliedBy(polls);
	}

	/** One line for the log and the health details: the plan, the coins, the interval and what it costs. */
	public String describe() {
		String credits = this.limits.metered()
				? String.format(Locale.ROOT, "%,d credits a month", this.limits.monthlyCredits()) : "no monthly credits";
		String history = this.limits.metered()
				? String.format(Locale.ROOT, ", %,d left for history", historyCreditsPerMonth()) : "";
		return String.format(Locale.ROOT,
				"%s plan (%,d calls a minute, %s, new data every %s): %d %s in %d %s a poll: "
						+ "%,d calls in a 31-day month (%,d for prices, %,d for the coin list and key checks)%s",
				this.plan.id(), this.limits.callsPerMinute(), credits, human(this.limits.dataRefresh()), this.coins,
				(this.coins == 1) ? "coin" : "coins", this.requestsPerPoll,
				(this.requestsPerPoll == 1) ? "request" : "requests", callsPerMonth(),
				pollsPerMonth() * this.requestsPerPoll, this.overheadPerMonth, history);
	}

	static long liveCredits(PlanLimits limits, long overheadPerMonth, double historyReserve) {
		long credits = limits.monthlyCredits();
		return Math.max(0, (long) Math.floor(credits * (1 - historyReserve)) - overheadPerMonth);
	}

	/** {@code 850 ms}, {@code 45 s}, {@code 5 min 25 s}, {@code 1 h}, {@code 1 h 05 min}, {@code 2 d 03 h}. */
	public static String human(Duration duration) {
		long millis = duration.toMillis();
		if (millis < 1000) {
			return millis + " ms";
		}
		long seconds = duration.toSeconds();
		if (seconds < 60) {
			return (millis % 1000 == 0) ? seconds + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
		}
		if (seconds < 3600) {
			return (seconds % 60 == 0) ? (seconds / 60) + " min"
					: String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
		}
		if (seconds < 86_400) {
			return (seconds % 3600 == 0) ? (seconds / 3600) + " h"
					: String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
		}
		return String.format(Locale.ROOT, "%d d %02d h", seconds / 86_400, (seconds % 86_400) / 3600);
	}

	private static long ceilDiv(long dividend, long divisor) {
		return -Math.floorDiv(-dividend, divisor);
	}

}
