package io.cryptoviz.producer.flow;

import java.time.Duration;
import java.time.Instant;

import io.cryptoviz.producer.MovableTime;
import io.cryptoviz.producer.budget.Cadence;
import io.cryptoviz.producer.budget.CallBudget.Snapshot;
import io.cryptoviz.testsupport.CoinMarkets;
import io.cryptoviz.testsupport.SimplePrices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 31-day month of the demo plan on the test's clock, against the stub and the embedded broker: every
 * call the producer makes, counted by the stub, stays inside the 10,000 monthly credits, and inside the
 * 9,000 left after the history reserve, at 5 coins and at the top 250 (whose list is refreshed hourly);
 * and it uses them, polling at the derived cadence to the month's end.
 */
@TestPropertySource(properties = { "cryptoviz.coingecko.api-key=demo-key",
		"cryptoviz.coingecko.api-key-type=demo" })
class MonthOnTheClockFlowTests extends ProducerOnTheClock {

	private static final Logger logger = LoggerFactory.getLogger(MonthOnTheClockFlowTests.class);

	private static final long CREDITS = 10_000;

	private static final Instant LAST = MovableTime.START.plus(Cadence.MONTH).minusMillis(1);

	@BeforeEach
	void answer() {
		// the figures do not move, so only the first poll publishes: the month is about calls, not ticks
		Instant updated = MovableTime.START;
		stub.willAnswer(SimplePrices.PATH, SimplePrices.answering(() -> updated));
		stub.willAnswer(CoinMarkets.PATH, CoinMarkets.answering(() -> CoinMarkets.ids(250)));
	}

	/** Runs the month: the jobs' work whenever it is due, the clock moved to the next poll or a minute on. */
	Snapshot runTheMonth() {
		Snapshot midMonth = null;
		while (true) {
			this.universe.refreshIfDue();
			this.poller.pollIfDue();
			Instant now = this.clock.instant();
			if (midMonth == null && !now.isBefore(MovableTime.START.plus(Duration.ofDays(15)))) {
				midMonth = this.budget.snapshot();
			}
			if (!now.isBefore(LAST)) {
				break;
			}
			Instant next = this.poller.nextAttempt();
			Instant step = now.plus(Duration.ofMinutes(1));
			next = (next.isAfter(now) && next.isBefore(step)) ? next : step;
			this.clock.set(next.isBefore(LAST) ? next : LAST);
		}
		Snapshot end = this.budget.snapshot();
		assertThat(midMonth.projected()).as("the projection in mid-month").isLessThanOrEqualTo(CREDITS);
		assertThat(end.month()).hasToString("2026-01");
		logger.info("Month on the clock: {} coins, every {}: {} calls ({} to /simple/price, {} to /coins/markets), "
				+ "projected {} in mid-month, {} history calls left", this.universe.coins().size(),
				Cadence.human(this.cadence.interval()), end.calls(), stub.requests(SimplePrices.PATH).size(),
				stub.requests(CoinMarkets.PATH).size(), midMonth.projected(), end.historyAllowance());
		return end;
	}

	@Nested
	class FiveCoins {

		@Test
		void aMonthOfPollsEvery298SecondsSpends8988OfTheTenThousandCredits() {
			Snapshot month = runTheMonth();

			assertThat(stub.requests()).hasSize(8_988).allSatisfy((request) -> {
				assertThat(request.path()).isEqualTo(SimplePrices.PATH);
				assertThat(request.headers()).containsEntry("x-cg-demo-api-key", "demo-key");
			});
			assertThat(month.calls()).isEqualTo(8_988).isLessThanOrEqualTo((long) (CREDITS * 0.9));
			assertThat(month.historyAllowance()).isEqualTo(CREDITS - 8_988);
		}

	}

	@Nested
	@TestPropertySource(properties = "cryptoviz.coins=top:250")
	class TopTwoHundredFifty {

		@Test
		void aMonthOfTheTop250InTwoRequestsAPollAndTheirHourlyListStaysInsideTheCredits() {
			Snapshot month = runTheMonth();

			assertThat(this.universeSize()).isEqualTo(250);
			// the made-up ids take 4,375 characters: two requests a poll, so half as many polls
			assertThat(MonthOnTheClockFlowTests.this.cadence.current().requestsPerPoll()).isEqualTo(2);
			assertThat(MonthOnTheClockFlowTests.this.cadence.interval()).hasSeconds(649);
			assertThat(stub.requests(SimplePrices.PATH)).hasSize(2 * 4_127);
			assertThat(stub.requests(CoinMarkets.PATH)).hasSizeBetween(700, 744);
			assertThat(month.calls()).isEqualTo(stub.requests().size()).isLessThanOrEqualTo((long) (CREDITS * 0.9));
		}

		private int universeSize() {
			return MonthOnTheClockFlowTests.this.universe.coins().size();
		}

	}

}
