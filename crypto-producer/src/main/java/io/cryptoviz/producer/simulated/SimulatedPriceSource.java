package io.cryptoviz.producer.simulated;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import io.cryptoviz.producer.source.CoinQuote;
import io.cryptoviz.producer.source.PriceSnapshot;
import io.cryptoviz.producer.source.PriceSource;
import io.cryptoviz.tick.TickSource;
import org.jspecify.annotations.Nullable;

/**
 * A geometric random walk from realistic starting prices, so the pipeline runs end to end with no
 * internet. Every fetch moves every coin one step and stamps it with the current time; its ticks
 * carry {@code source=simulated}, so they never pass for market data and can be deleted apart.
 */
public class SimulatedPriceSource implements PriceSource {

	private final SimulatedProperties properties;

	private final Clock clock;

	private final Random random;

	private final Map<String, Double> prices = new ConcurrentHashMap<>();

	private final Map<String, Double> openingPrices = new ConcurrentHashMap<>();

	public SimulatedPriceSource(SimulatedProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
		this.random = (properties.seed() != null) ? new Random(properties.seed()) : new Random();
	}

	@Override
	public synchronized PriceSnapshot fetch(List<String> coins) {
		Instant now = this.clock.instant();
		List<CoinQuote> quotes = new ArrayList<>(coins.size());
		for (String coin : coins) {
			double opening = this.openingPrices.computeIfAbsent(coin,
					(id) -> this.properties.startPrices().getOrDefault(id, 1.0));
			double price = this.prices.merge(coin, opening, (previous, ignored) -> step(previous));
			Double supply = this.properties.circulatingSupply().get(coin);
			Double marketCap = (supply != null) ? price * supply : null;
			quotes.add(new CoinQuote(coin, price, price * this.properties.eurPerUsd(),
					(price / opening - 1) * 100, marketCap, volume(marketCap), now));
		}
		return PriceSnapshot.of(quotes);
	}

	/** The coin's price now: where the walk stands, or where it will start. */
	public synchronized double price(String coin) {
		Double price = this.prices.get(coin);
		return (price != null) ? price : this.openingPrices.getOrDefault(coin,
				this.properties.startPrices().getOrDefault(coin, 1.0));
	}

	@Override
	public TickSource tickSource() {
		return TickSource.SIMULATED;
	}

	private double step(double price) {
		return price * Math.exp(this.properties.volatility() * this.random.nextGaussian());
	}

	// A day's volume of 2 to 6 % of the market cap, the usual range for large coins.
	private @Nullable Double volume(@Nullable Double marketCap) {
		return (marketCap != null) ? marketCap * (0.02 + 0.04 * this.random.nextDouble()) : null;
	}

}
