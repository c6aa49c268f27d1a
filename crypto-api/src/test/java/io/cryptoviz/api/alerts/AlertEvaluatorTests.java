package io.cryptoviz.api.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cryptoviz.testsupport.MutableClock;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Each condition fires once while it holds, and its re-arm rule says when it may fire again. */
class AlertEvaluatorTests {

	private static final Instant START = Instant.parse("2026-01-05T10:00:00Z");

	private final MutableClock clock = new MutableClock(START);

	private final Book book = new Book();

	private final Deque<Double> rsiValues = new ArrayDeque<>();

	private final AlertEvaluator evaluator = new AlertEvaluator(this.book,
			(rule, time, price) -> this.rsiValues.poll(), this.clock);

	private Instant tickTime = START;

	@Test
	void priceAboveFiresOnceWhileThePriceHoversAroundTheLevelAndAgainOnlyAfterFallingPastTheMargin() {
		rule("{\"id\":\"btc-100k\",\"coin\":\"bitcoin\",\"condition\":\"price_above\",\"level\":100000,\"margin_pct\":1}");

		assertThat(fired(99_990, 100_000, 100_010, 99_995, 100_020, 98_900, 100_001)).containsExactly(
				"btc-100k@" + at(1), "btc-100k@" + at(6));
	}

	@Test
	void anAlertSaysWhatFiredAndWhen() {
		rule("{\"id\":\"btc-100k\",\"coin\":\"bitcoin\",\"condition\":\"price_above\",\"level\":100000}");
		this.clock.advance(Duration.ofSeconds(3));

		FiredAlert alert = tick(100_250.5).alerts().get(0);

		assertThat(alert.ruleId()).isEqualTo("btc-100k");
		assertThat(alert.coin()).isEqualTo("bitcoin");
		assertThat(alert.condition()).isEqualTo("price_above");
		assertThat(alert.level()).isEqualTo(100_000);
		assertThat(alert.currency()).isEqualTo("usd");
		assertThat(alert.price()).isEqualTo(100_250.5);
		assertThat(alert.observed()).isEqualTo(100_250.5);
		assertThat(alert.message()).isEqualTo("bitcoin is at 100,250.50 USD, at or above 100,000.00 USD");
		assertThat(alert.tickTime()).isEqualTo(START);
		assertThat(alert.firedAt()).isEqualTo(START.plusSeconds(3));
		assertThat(this.book.states.get("btc-100k").armed()).isFalse();
	}

	@Test
	void priceBelowInEuroFiresOnceAndRearmsAboveTheMarginIgnoringTicksWithoutAEuroPrice() {
		rule("{\"id\":\"eth-low\",\"coin\":\"ethereum\",\"condition\":\"price_below\",\"level\":2000,"
				+ "\"currency\":\"eur\",\"margin_pct\":2}");

		List<String> fired = new ArrayList<>();
		for (Double eur : new Double[] { 2100.0, 1999.0, null, 1990.0, 2030.0, 2041.0, 1995.0 }) {
			tick(new PriceTick("ethereum", 3000.0, eur, null, null, null, next(), TickSource.COINGECKO)).alerts()
				.forEach((alert) -> fired.add(alert.alertId()));
		}

		// 2030 is within 2 % of 2000: not re-armed; 2041 is past it
		assertThat(fired).containsExactly("eth-low@" + at(1), "eth-low@" + at(6));
	}

	@Test
	void aMoveFiresWhenThePriceMovedAtLeastThePercentWithinTheWindowAndRearmsOnceTheMoveIsSmaller() {
		rule("{\"id\":\"sol-5\",\"coin\":\"solana\",\"condition\":\"move\",\"percent\":5,\"window\":\"1h\","
				+ "\"direction\":\"up\",\"margin_pct\":0}");
		List<String> fired = new ArrayList<>();

		// 100 then, 20 minutes apart: 103, 105.1 (+5.1 % on 100: fires), 106 (still up: quiet)
		for (double price : new double[] { 100, 103, 105.1, 106 }) {
			tick("solana", price, Duration.ofMinutes(20)).alerts().forEach((alert) -> fired.add(alert.alertId()));
		}
		assertThat(fired).containsExactly("sol-5@" + at(2, 20));
		// 100 has left the window (80 minutes ago); the lowest is 103: +2.9 %, re-armed
		tick("solana", 106, Duration.ofMinutes(20));
		// the hour from 105.1: 105.1, 106, 106, then 111 (+5.6 % on 105.1): fires again
		FiredAlert again = tick("solana", 111, Duration.ofMinutes(20)).alerts().get(0);
		assertThat(again.observed()).isCloseTo((111 / 105.1 - 1) * 100, org.assertj.core.api.Assertions.within(1e-9));
		assertThat(again.message()).startsWith("solana moved +5.61 % within 1h, to 111.00 USD");
	}

	@Test
	void aMoveDownIsMeasuredFromTheHighestPriceOfTheWindow() {
		rule("{\"id\":\"ada-drop\",\"coin\":\"cardano\",\"condition\":\"move\",\"percent\":10,\"window\":\"30m\","
				+ "\"direction\":\"down\"}");

		assertThat(tick("cardano", 0.60, Duration.ofMinutes(10)).alerts()).isEmpty();
		assertThat(tick("cardano", 0.65, Duration.ofMinutes(10)).alerts()).isEmpty();
		FiredAlert drop = tick("cardano", 0.58, Duration.ofMinutes(10)).alerts().get(0);

		assertThat(drop.observed()).isCloseTo((0.58 / 0.65 - 1) * 100, org.assertj.core.api.Assertions.within(1e-9));
	}

	@Test
	void rsiCrossingFiresWhenTheRsiCrossesTheLevelFromOneTickToTheNextAndRearmsPastTheMargin() {
		rule("{\"id\":\"btc-rsi\",\"coin\":\"bitcoin\",\"condition\":\"rsi_cross\",\"level\":70,\"direction\":\"up\","
				+ "\"margin_pct\":5}");
		// 65, 71 (crossed), 69, 71 (not re-armed: 69 is within 5 % of 70), 66 (below 66.5: re-armed), 72 (crossed)
		List<String> fired = new ArrayList<>();
		List<Double> values = List.of(65.0, 71.0, 69.0, 71.0, 66.0, 72.0);
		this.rsiValues.addAll(values);
		for (int i = 0; i < values.size(); i++) {
			tick(95_000).alerts().forEach((alert) -> fired.add(alert.alertId()));
		}

		assertThat(fired).containsExactly("btc-rsi@" + at(1), "btc-rsi@" + at(5));
	}

	@Test
	void rsiCrossingDownNeedsAnRsiBeforeTheTick() {
		rule("{\"id\":\"btc-rsi-down\",\"coin\":\"bitcoin\",\"condition\":\"rsi_cross\",\"level\":30,\"direction\":\"down\"}");
		// the first RSI after a start has none before it: no crossing, whatever it is
		this.rsiValues.addAll(List.of(25.0, 35.0, 29.0));

		assertThat(fired(95_000, 95_000, 95_000)).containsExactly("btc-rsi-down@" + at(2));
	}

	@Test
	void aRuleThatFiresOnceStaysQuietUntilItIsReArmed() {
		rule("{\"id\":\"dot-5\",\"coin\":\"polkadot\",\"condition\":\"price_above\",\"level\":5,\"rearm\":\"once\"}");

		assertThat(fired("polkadot", 5.1, 4.0, 3.0, 5.2)).containsExactly("dot-5@" + at(0));

		// what POST /api/v1/alerts/{id}/rearm writes
		this.book.states.put("dot-5", new ArmState(true, this.clock.instant()));
		assertThat(fired("polkadot", 5.3)).containsExactly("dot-5@" + at(4));
	}

	@Test
	void aTickOfAnotherCoinTouchesNoRule() {
		rule("{\"id\":\"btc-100k\",\"coin\":\"bitcoin\",\"condition\":\"price_above\",\"level\":100000}");

		assertThat(fired("ethereum", 200_000)).isEmpty();
		assertThat(this.book.states).isEmpty();
	}

	private void rule(String json) {
		AlertRule rule = RuleParser.parse(JsonMapper.builder().build().readTree(json), null, START, AlertRule.API);
		this.book.rules.add(rule);
	}

	private List<String> fired(double... prices) {
		return fired("bitcoin", prices);
	}

	private List<String> fired(String coin, double... prices) {
		List<String> fired = new ArrayList<>();
		for (double price : prices) {
			tick(coin, price, Duration.ofMinutes(1)).alerts().forEach((alert) -> fired.add(alert.alertId()));
		}
		return fired;
	}

	private AlertEvaluator.Outcome tick(double price) {
		return tick("bitcoin", price, Duration.ofMinutes(1));
	}

	private AlertEvaluator.Outcome tick(String coin, double price, Duration step) {
		Instant time = this.tickTime;
		this.tickTime = time.plus(step);
		return tick(new PriceTick(coin, price, price * 0.9, null, null, null, time, TickSource.COINGECKO));
	}

	private Instant next() {
		Instant time = this.tickTime;
		this.tickTime = time.plus(Duration.ofMinutes(1));
		return time;
	}

	/** Evaluates the tick and saves the states it changed, as the listener does once the alerts are published. */
	private AlertEvaluator.Outcome tick(PriceTick tick) {
		AlertEvaluator.Outcome outcome = this.evaluator.onTick(tick);
		this.book.states.putAll(outcome.states());
		this.clock.advance(Duration.ofSeconds(1));
		return outcome;
	}

	/** The time of the n-th tick, in minutes from the start, as an alert id has it. */
	private static long at(int minutes) {
		return START.plus(Duration.ofMinutes(minutes)).toEpochMilli();
	}

	private static long at(int ticks, int minutesApart) {
		return START.plus(Duration.ofMinutes((long) ticks * minutesApart)).toEpochMilli();
	}

	private static final class Book implements AlertEvaluator.AlertBook {

		final List<AlertRule> rules = new ArrayList<>();

		final Map<String, ArmState> states = new HashMap<>();

		@Override
		public Collection<AlertRule> rulesOf(String coin) {
			return this.rules.stream().filter((rule) -> rule.coin().equals(coin)).toList();
		}

		@Override
		public @Nullable ArmState state(String ruleId) {
			return this.states.get(ruleId);
		}

	}

}
