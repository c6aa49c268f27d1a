package io.cryptoviz.api.alerts;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.cryptoviz.tick.PriceTick;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates a coin's rules on each of its ticks. A rule fires when its condition holds while it is armed,
 * and is then disarmed, so a price hovering around a level fires once: with {@code rearm: hysteresis} it is
 * armed again once the price (or move, or RSI) is back past the level by {@code margin_pct} of it; with
 * {@code rearm: once} only a re-arm over the API arms it again.
 *
 * <ul>
 * <li>{@code price_above}: price at or above the level; re-armed below level × (1 − margin).</li>
 * <li>{@code price_below}: price at or below the level; re-armed above level × (1 + margin).</li>
 * <li>{@code move}: the price moved at least {@code percent} from the lowest ({@code up}) or highest
 * ({@code down}) price of the ticks within {@code window} before it (tick times); re-armed once the move is
 * below percent × (1 − margin).</li>
 * <li>{@code rsi_cross}: the RSI went from below the level to at or above it ({@code up}), or from above
 * to at or below it ({@code down}), from one tick to the next; re-armed once it is back past
 * level × (1 ∓ margin).</li>
 * </ul>
 *
 * Whether a rule is armed is kept in the {@link AlertBook} (a compacted topic; a re-arm over the API writes
 * it there too); a move's window and the last
 * RSI are rebuilt from the ticks after a restart.
 */
final class AlertEvaluator {

	private final AlertBook book;

	private final RsiSource rsi;

	private final Clock clock;

	private final Map<String, Deque<PricePoint>> windows = new ConcurrentHashMap<>();

	private final Map<String, Double> lastRsi = new ConcurrentHashMap<>();

	AlertEvaluator(AlertBook book, RsiSource rsi, Clock clock) {
		this.book = book;
		this.rsi = rsi;
		this.clock = clock;
	}

	/**
	 * What this tick does: the alerts it fires and the states it changes, for the caller to publish the
	 * alerts first and save the states after, so a failure in between fires the same alerts again (same
	 * ids) rather than none.
	 */
	Outcome onTick(PriceTick tick) {
		List<FiredAlert> fired = new ArrayList<>();
		Map<String, ArmState> states = new LinkedHashMap<>();
		for (AlertRule rule : this.book.rulesOf(tick.crypto())) {
			Double price = "eur".equals(rule.currency()) ? tick.priceEur() : tick.priceUsd();
			Observation observation = (price != null) ? observe(rule, tick, price) : null;
			if (observation == null) {
				continue;
			}
			ArmState state = this.book.state(rule.id());
			boolean armed = state == null || state.armed();
			if (armed && observation.fires()) {
				fired.add(alert(rule, tick, price, observation.value()));
				states.put(rule.id(), new ArmState(false, this.clock.instant()));
			}
			else if (!armed && rule.hysteresis() && observation.rearms()) {
				states.put(rule.id(), new ArmState(true, this.clock.instant()));
			}
		}
		return new Outcome(fired, states);
	}

	/**
	 * @param alerts the alerts fired
	 * @param states the rules' new states, by id
	 */
	record Outcome(List<FiredAlert> alerts, Map<String, ArmState> states) {
	}

	private @Nullable Observation observe(AlertRule rule, PriceTick tick, double price) {
		double margin = rule.marginPct() / 100;
		switch (rule.kind()) {
			case PRICE_ABOVE -> {
				double level = rule.level();
				return new Observation(price, price >= level, price < level * (1 - margin));
			}
			case PRICE_BELOW -> {
				double level = rule.level();
				return new Observation(price, price <= level, price > level * (1 + margin));
			}
			case MOVE -> {
				return move(rule, tick.timestamp(), price, margin);
			}
			default -> {
				Double now = this.rsi.rsi(rule, tick.timestamp(), price);
				Double before = (now != null) ? this.lastRsi.put(rule.id(), now) : this.lastRsi.get(rule.id());
				if (now == null || before == null) {
					return null;
				}
				double level = rule.level();
				boolean up = "up".equals(rule.direction());
				boolean crossed = up ? (before < level && now >= level) : (before > level && now <= level);
				boolean back = up ? now < level * (1 - margin) : now > level * (1 + margin);
				return new Observation(now, crossed, back);
			}
		}
	}

	private Observation move(AlertRule rule, Instant time, double price, double margin) {
		Deque<PricePoint> window = this.windows.computeIfAbsent(rule.id(), (id) -> new ArrayDeque<>());
		synchronized (window) {
			Instant start = time.minus(rule.windowLength());
			while (!window.isEmpty() && window.peekFirst().time().isBefore(start)) {
				window.pollFirst();
			}
			double low = price;
			double high = price;
			for (PricePoint point : window) {
				low = Math.min(low, point.price());
				high = Math.max(high, point.price());
			}
			if (window.isEmpty() || !time.isBefore(window.peekLast().time())) {
				window.addLast(new PricePoint(time, price));
			}
			double up = (price / low - 1) * 100;
			double down = (price / high - 1) * 100;
			double moved = switch (rule.direction()) {
				case "up" -> up;
				case "down" -> -down;
				default -> Math.max(up, -down);
			};
			double signed = switch (rule.direction()) {
				case "up" -> up;
				case "down" -> down;
				default -> (up >= -down) ? up : down;
			};
			return new Observation(signed, moved >= rule.percent(), moved < rule.percent() * (1 - margin));
		}
	}

	private FiredAlert alert(AlertRule rule, PriceTick tick, double price, double observed) {
		String currency = rule.currency().toUpperCase(Locale.ROOT);
		String message = switch (rule.kind()) {
			case PRICE_ABOVE -> tick.crypto() + " is at " + amount(price) + " " + currency + ", at or above "
					+ amount(rule.level()) + " " + currency;
			case PRICE_BELOW -> tick.crypto() + " is at " + amount(price) + " " + currency + ", at or below "
					+ amount(rule.level()) + " " + currency;
			case MOVE -> tick.crypto() + " moved " + percent(observed) + " within " + rule.window() + ", to "
					+ amount(price) + " " + currency;
			case RSI_CROSS -> tick.crypto() + "'s RSI(" + rule.period() + ", " + rule.interval() + ") crossed "
					+ amount(rule.level()) + " " + rule.direction() + "wards: " + amount(observed);
		};
		return new FiredAlert(FiredAlert.idOf(rule, tick.timestamp()), rule.id(), rule.coin(), rule.condition(),
				rule.direction(), rule.level(), rule.percent(), rule.window(), rule.currency(), observed, price, message,
				tick.timestamp(), this.clock.instant());
	}

	private static String amount(double value) {
		return new DecimalFormat((Math.abs(value) >= 1) ? "#,##0.00" : "0.######", DecimalFormatSymbols.getInstance(Locale.ROOT))
			.format(value);
	}

	private static String percent(double value) {
		return ((value >= 0) ? "+" : "") + new DecimalFormat("0.00", DecimalFormatSymbols.getInstance(Locale.ROOT))
			.format(value) + " %";
	}

	/** What a condition saw, whether it fires an armed rule, and whether it re-arms a fired one. */
	private record Observation(double value, boolean fires, boolean rearms) {
	}

	private record PricePoint(Instant time, double price) {
	}

	/** The rules and their states. */
	interface AlertBook {

		Collection<AlertRule> rulesOf(String coin);

		@Nullable ArmState state(String ruleId);

	}

	/** The RSI of a rule's candles, the last one closing at this price. */
	interface RsiSource {

		@Nullable Double rsi(AlertRule rule, Instant time, double price);

	}

}
