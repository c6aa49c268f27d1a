package io.cryptoviz.producer.simulated;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import io.cryptoviz.producer.history.HistoryException;
import io.cryptoviz.producer.history.HistorySource;
import io.cryptoviz.producer.history.HistoryStep;
import io.cryptoviz.producer.history.Span;
import io.cryptoviz.producer.publish.TickPublisher;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickSource;
import org.jspecify.annotations.Nullable;

/**
 * The simulated walk's past, so a simulated stack shows history from its first start: a geometric random
 * walk generated backwards from where the live walk stands, so the history ends where the live ticks go on,
 * and, when the span starts at a tick already published, bent to start at that tick's price (a Brownian
 * bridge): no jump at either end. Points are 5-minutely for the last day and hourly before, as CoinGecko's
 * history is, on the UTC grid of that spacing, so a span loaded again lands on the same points. Ticks carry
 * {@code source=simulated}. A span is one step: it costs no call.
 */
public class SimulatedHistory implements HistorySource {

	static final Duration RECENT = Duration.ofDays(1);

	static final Duration FINE = Duration.ofMinutes(5);

	static final Duration COARSE = Duration.ofHours(1);

	private static final double DAY_MILLIS = Duration.ofDays(1).toMillis();

	private final SimulatedPriceSource walk;

	private final SimulatedProperties properties;

	private final TickPublisher publisher;

	private final Clock clock;

	private final Random random;

	public SimulatedHistory(SimulatedPriceSource walk, SimulatedProperties properties, TickPublisher publisher,
			Clock clock) {
		this.walk = walk;
		this.properties = properties;
		this.publisher = publisher;
		this.clock = clock;
		this.random = (properties.seed() != null) ? new Random(properties.seed() + 1) : new Random();
	}

	@Override
	public TickSource tickSource() {
		return TickSource.SIMULATED;
	}

	@Override
	public Set<TickSource> covers() {
		return Set.of(TickSource.SIMULATED);
	}

	@Override
	public Instant oldest(Instant now) {
		return PriceTick.EARLIEST;
	}

	@Override
	public HistoryStep nextStep(String coin, Span span, Instant now) {
		Instant recent = now.minus(RECENT);
		String granularity = !span.from().isBefore(recent) ? "5-minutely"
				: span.to().isAfter(recent) ? "hourly, 5-minutely for the last day" : "hourly";
		return new HistoryStep(coin, span, granularity, true);
	}

	@Override
	public int load(HistoryStep step, @Nullable PriceTick before) {
		List<PriceTick> ticks = ticks(step.coin(), step.span(), before, this.clock.instant());
		List<PriceTick> acknowledged = this.publisher.publish(ticks);
		if (acknowledged.size() < ticks.size()) {
			throw new HistoryException(step + ": Kafka did not acknowledge " + (ticks.size() - acknowledged.size())
					+ " of " + ticks.size() + " ticks (the warning above says why)");
		}
		return acknowledged.size();
	}

	/** The span's ticks, oldest first, ending at the live walk's price and starting at {@code before}'s. */
	synchronized List<PriceTick> ticks(String coin, Span span, @Nullable PriceTick before, Instant now) {
		boolean anchored = before != null && before.timestamp().equals(span.from());
		List<Instant> times = grid(span, now, !anchored);
		if (times.isEmpty()) {
			return List.of();
		}
		int n = times.size();
		double[] logs = new double[n];
		// backwards from the live walk's price at the end of the span
		double log = Math.log(this.walk.price(coin));
		Instant later = span.to();
		for (int i = n - 1; i >= 0; i--) {
			log -= step(times.get(i), later);
			logs[i] = log;
			later = times.get(i);
		}
		if (anchored) {
			// one more step to the span's start, then bend the walk so it starts at the published price
			double atStart = log - step(span.from(), later);
			double miss = Math.log(before.priceUsd()) - atStart;
			double length = span.to().toEpochMilli() - span.from().toEpochMilli();
			for (int i = 0; i < n; i++) {
				logs[i] += miss * (span.to().toEpochMilli() - times.get(i).toEpochMilli()) / length;
			}
		}
		Double supply = this.properties.circulatingSupply().get(coin);
		List<PriceTick> ticks = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			double price = Math.exp(logs[i]);
			Double marketCap = (supply != null) ? price * supply : null;
			Double volume = (marketCap != null) ? marketCap * (0.02 + 0.04 * this.random.nextDouble()) : null;
			ticks.add(new PriceTick(coin, price, price * this.properties.eurPerUsd(), null, marketCap, volume,
					times.get(i), TickSource.SIMULATED));
		}
		return ticks;
	}

	// the log-price move from 'from' to 'to'
	private double step(Instant from, Instant to) {
		double days = (to.toEpochMilli() - from.toEpochMilli()) / DAY_MILLIS;
		return this.properties.historyVolatility() * Math.sqrt(Math.max(0, days)) * this.random.nextGaussian();
	}

	/** Grid times inside the span: hourly, 5-minutely for the last day; the end (a live tick) left out. */
	static List<Instant> grid(Span span, Instant now, boolean startIncluded) {
		Instant recent = now.minus(RECENT);
		List<Instant> times = new ArrayList<>();
		Instant time = ceil(span.from(), span.from().isBefore(recent) ? COARSE : FINE);
		while (time.isBefore(span.to())) {
			if (startIncluded || time.isAfter(span.from())) {
				times.add(time);
			}
			Duration spacing = time.isBefore(recent) ? COARSE : FINE;
			Instant next = time.plus(spacing);
			if (time.isBefore(recent) && !next.isBefore(recent)) {
				next = ceil(recent, FINE);
			}
			time = next;
		}
		return times;
	}

	private static Instant ceil(Instant instant, Duration spacing) {
		long step = spacing.toMillis();
		return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli() + step - 1, step) * step);
	}

}
