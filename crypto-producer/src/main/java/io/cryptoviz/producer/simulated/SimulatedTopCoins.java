package io.cryptoviz.producer.simulated;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.cryptoviz.producer.universe.TopCoins;

/**
 * What {@code top:N} means without internet: the coins the simulated source has a start price and a
 * supply for, by their starting market cap, then made-up coins {@code sim-coin-006}, {@code sim-coin-007},
 * … up to N, which the random walk starts at 1 USD. The list never changes, and costs no call.
 */
public class SimulatedTopCoins implements TopCoins {

	private final SimulatedProperties properties;

	public SimulatedTopCoins(SimulatedProperties properties) {
		this.properties = properties;
	}

	@Override
	public List<String> top(int n) {
		List<String> coins = new ArrayList<>(this.properties.circulatingSupply()
			.entrySet()
			.stream()
			.filter((entry) -> this.properties.startPrices().containsKey(entry.getKey()))
			.sorted(Comparator.comparingDouble(this::marketCap).reversed().thenComparing(Map.Entry::getKey))
			.map(Map.Entry::getKey)
			.limit(n)
			.toList());
		for (int i = coins.size() + 1; coins.size() < n; i++) {
			coins.add(String.format(Locale.ROOT, "sim-coin-%03d", i));
		}
		return coins;
	}

	@Override
	public int requestsFor(int n) {
		return 0;
	}

	private double marketCap(Map.Entry<String, Double> supply) {
		return supply.getValue() * this.properties.startPrices().get(supply.getKey());
	}

}
