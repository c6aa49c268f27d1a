package io.cryptoviz.producer.universe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.cryptoviz.producer.budget.BudgetProperties;
import io.cryptoviz.producer.budget.CallBudget;
import io.cryptoviz.producer.budget.Plan;
import io.cryptoviz.producer.budget.PlanLimits;
import io.cryptoviz.producer.source.PriceSourceException;
import io.cryptoviz.producer.source.PriceSourceException.Kind;
import io.cryptoviz.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The universe's schedule and failures, with a scripted list of top coins. */
@ExtendWith(OutputCaptureExtension.class)
class CoinUniverseTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final List<Object> answers = new ArrayList<>();

	private final List<Object> events = new ArrayList<>();

	private final CallBudget budget = new CallBudget(Plan.DEMO, new PlanLimits(30, 10_000L, Duration.ofSeconds(60)),
			new BudgetProperties(0.1, Duration.ofHours(1), Duration.ofHours(1)), this.clock, (instant) -> {
			}, new SimpleMeterRegistry());

	private int calls;

	@Test
	void aFirstListThatCannotBeHadLeavesTheFixedIdsAndIsAskedForAgainAfterTheRetryInterval(CapturedOutput output) {
		CoinUniverse universe = universe("top:3,monero");
		this.answers.add(new PriceSourceException(Kind.UNAVAILABLE, "CoinGecko answered HTTP 503"));
		this.answers.add(new PriceSourceException(Kind.UNAVAILABLE, "CoinGecko answered HTTP 503"));
		this.answers.add(List.of("bitcoin", "ethereum", "tether"));

		universe.refreshIfDue();
		this.clock.advance(Duration.ofSeconds(59));
		universe.refreshIfDue();
		assertThat(this.calls).isOne();
		assertThat(universe.coins()).containsExactly("monero");
		assertThat(universe.isLoaded()).isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		universe.refreshIfDue();
		this.clock.advance(Duration.ofMinutes(1));
		universe.refreshIfDue();

		assertThat(this.calls).isEqualTo(3);
		assertThat(universe.coins()).containsExactly("bitcoin", "ethereum", "tether", "monero");
		assertThat(output.getAll().lines().filter((line) -> line.contains("Could not get the top 3 coins"))).singleElement()
			.asString()
			.contains("CoinGecko answered HTTP 503; polling only the fixed ids (1) meanwhile, next try in 1 min");
		assertThat(this.events).singleElement().isInstanceOf(TrackedCoinsChanged.class);
	}

	@Test
	void aFailedRefreshKeepsTheCoinsTrackedAndTriesAgainAtTheNextRefresh() {
		CoinUniverse universe = universe("top:2");
		this.answers.add(List.of("bitcoin", "ethereum"));
		this.answers.add(new PriceSourceException(Kind.RATE_LIMITED, "CoinGecko rate limit reached (HTTP 429)"));
		this.answers.add(List.of("bitcoin", "tether"));
		universe.refreshIfDue();

		this.clock.advance(Duration.ofHours(1));
		universe.refreshIfDue();
		assertThat(universe.coins()).containsExactly("bitcoin", "ethereum");
		this.clock.advance(Duration.ofMinutes(30));
		universe.refreshIfDue();
		assertThat(this.calls).isEqualTo(2);
		this.clock.advance(Duration.ofMinutes(30));
		universe.refreshIfDue();

		assertThat(universe.coins()).containsExactly("bitcoin", "tether");
	}

	@Test
	void asksNothingWhileTheQuotaIsUsedUp() {
		CoinUniverse universe = universe("top:2");
		this.budget.quotaExhausted("used up");

		universe.refreshIfDue();

		assertThat(this.calls).isZero();
	}

	@Test
	void fixedIdsAloneAreKnownAtOnceAndCostNothing() {
		CoinUniverse universe = universe("bitcoin,ethereum");

		universe.refreshIfDue();

		assertThat(universe.isLoaded()).isTrue();
		assertThat(universe.coins()).containsExactly("bitcoin", "ethereum");
		assertThat(universe.callsPerMonth()).isZero();
		assertThat(this.calls).isZero();
	}

	@Test
	void aRuleCostsItsPagesEveryRefreshOfTheMonth() {
		assertThat(universe("top:100").callsPerMonth()).isEqualTo(744);
		assertThat(universe("top:1000").callsPerMonth()).isEqualTo(4 * 744);
	}

	private CoinUniverse universe(String coins) {
		TopCoins top = new TopCoins() {
			@Override
			@SuppressWarnings("unchecked")
			public List<String> top(int n) {
				CoinUniverseTests.this.calls++;
				Object answer = CoinUniverseTests.this.answers.remove(0);
				if (answer instanceof RuntimeException ex) {
					throw ex;
				}
				return (List<String>) answer;
			}

			@Override
			public int requestsFor(int n) {
				return (n + 249) / 250;
			}
		};
		return new CoinUniverse(new CoinsProperties(List.of(coins.split(","))),
				new UniverseProperties(Duration.ofHours(1), Duration.ofMinutes(1)), top, this.budget, this.events::add,
				new SimpleMeterRegistry(), this.clock);
	}

}
