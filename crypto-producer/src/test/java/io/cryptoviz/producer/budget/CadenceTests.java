package io.cryptoviz.producer.budget;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cadence each plan allows, with CoinGecko's figures (the defaults), and what a 31-day month at
 * that cadence costs: the README's plan table. 5 coins is the default list of ids, 100 and 250 are
 * {@code top:N} rules, whose coin list is refreshed hourly (one call per 250 coins); the pro plan also
 * checks {@code /key} hourly.
 */
class CadenceTests {

	static final PlanLimits KEYLESS = new PlanLimits(5, null, Duration.ofSeconds(60));

	static final PlanLimits DEMO = new PlanLimits(30, 10_000L, Duration.ofSeconds(60));

	static final PlanLimits PRO = new PlanLimits(250, 100_000L, Duration.ofSeconds(20));

	private static final long HOURLY = 744;

	@ParameterizedTest(name = "{0}, {1} coins: every {3} s, {4} calls a month")
	@CsvSource({ "KEYLESS, 5, 0, 60, 44640", "KEYLESS, 100, 744, 60, 45384", "KEYLESS, 250, 744, 60, 45384",
			"DEMO, 5, 0, 298, 8988", "DEMO, 100, 744, 325, 8986", "DEMO, 250, 744, 325, 8986",
			"PRO, 5, 744, 31, 87144", "PRO, 100, 1488, 31, 87888", "PRO, 250, 1488, 31, 87888" })
	void derivesTheFastestCadenceThatLastsTheMonth(Plan plan, int coins, long overhead, long seconds,
			long callsPerMonth) {
		PlanLimits limits = limits(plan);

		Cadence cadence = Cadence.derive(plan, limits, coins, 1, overhead, 0.1);

		assertThat(cadence.interval()).hasSeconds(seconds);
		assertThat(cadence.interval()).isGreaterThanOrEqualTo(limits.dataRefresh());
		assertThat(cadence.callsPerMonth()).isEqualTo(callsPerMonth);
		if (limits.metered()) {
			assertThat(cadence.callsPerMonth()).isLessThanOrEqualTo((long) (limits.monthlyCredits() * 0.9));
			// one second faster would not last the month inside the credits less the reserve
			Cadence faster = Cadence.fixed(plan, limits, coins, 1, overhead, cadence.interval().minusSeconds(1), 0.1);
			assertThat(faster.interval().compareTo(limits.dataRefresh()) < 0
					|| faster.callsPerMonth() > limits.monthlyCredits() * 0.9).isTrue();
		}
	}

	@Test
	void neverPollsFasterThanTheDataRefresh() {
		PlanLimits generous = new PlanLimits(10_000, 100_000_000L, Duration.ofSeconds(20));

		assertThat(Cadence.derive(Plan.PRO, generous, 5, 1, 0, 0.1).interval()).hasSeconds(20);
	}

	@Test
	void keepsAPollsRequestsInsideThePerMinuteLimit() {
		// 1,000 coins in 4 requests on the keyless plan's 5 calls a minute: 48 s, but the data refresh is 60 s
		assertThat(Cadence.derive(Plan.KEYLESS, KEYLESS, 1000, 4, 0, 0.1).interval()).hasSeconds(60);
		// 7 requests a poll: one poll every 84 s keeps 5 a minute
		assertThat(Cadence.derive(Plan.KEYLESS, KEYLESS, 1000, 7, 0, 0.1).interval()).hasSeconds(84);
	}

	@Test
	void moreRequestsAPollMeanASlowerCadenceOnMonthlyCredits() {
		Cadence two = Cadence.derive(Plan.DEMO, DEMO, 1000, 2, HOURLY * 4, 0.1);

		// 4 pages of the coin list hourly leave 6,024 of the 9,000 credits: 3,012 polls of 2 requests
		assertThat(two.interval()).hasSeconds(890);
		assertThat(two.callsPerMonth()).isLessThanOrEqualTo(9_000);
	}

	@Test
	void aConfiguredIntervalThatSpendsTheCreditsEarlySaysWhenTheyRunOut() {
		Cadence tenSeconds = Cadence.fixed(Plan.DEMO, DEMO, 5, 1, 0, Duration.ofSeconds(10), 0.1);

		assertThat(tenSeconds.exhaustsCredits()).isTrue();
		assertThat(tenSeconds.callsPerMonth()).isEqualTo(267_840);
		assertThat(tenSeconds.creditsLast()).isEqualTo(Duration.ofSeconds(100_000));
		assertThat(Cadence.human(tenSeconds.creditsLast())).isEqualTo("1 d 03 h");
	}

	@Test
	void aConfiguredIntervalTooFastForThePerMinuteLimitIsFlagged() {
		assertThat(Cadence.fixed(Plan.KEYLESS, KEYLESS, 5, 1, 0, Duration.ofSeconds(10), 0.1).exceedsPerMinuteLimit())
			.isTrue();
		assertThat(Cadence.fixed(Plan.KEYLESS, KEYLESS, 5, 1, 0, Duration.ofSeconds(12), 0.1).exceedsPerMinuteLimit())
			.isFalse();
	}

	@Test
	void leavesTheReserveForHistory() {
		Cadence demo = Cadence.derive(Plan.DEMO, DEMO, 5, 1, 0, 0.1);

		assertThat(demo.historyCreditsPerMonth()).isEqualTo(10_000 - 8_988);
		assertThat(Cadence.derive(Plan.KEYLESS, KEYLESS, 5, 1, 0, 0.1).historyCreditsPerMonth()).isNull();
	}

	private static PlanLimits limits(Plan plan) {
		return switch (plan) {
			case KEYLESS -> KEYLESS;
			case DEMO -> DEMO;
			case PRO -> PRO;
		};
	}

}
