package io.cryptoviz.api.coin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.cryptoviz.api.problem.InvalidParameterException;
import io.cryptoviz.api.problem.UnknownCoinException;
import io.cryptoviz.tick.TrackedCoinsProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The tracked coins ({@code cryptoviz.coins}). A coin a client names is checked against them
 * before it reaches a query: that is what makes it safe to write into InfluxQL.
 */
@Component
public class Coins {

	private final List<String> coins;

	private final Set<String> known;

	public Coins(TrackedCoinsProperties tracked) {
		this.coins = List.copyOf(new LinkedHashSet<>(tracked.coins()));
		this.known = Set.copyOf(this.coins);
	}

	/** The tracked coins, in the configured order. */
	public List<String> all() {
		return this.coins;
	}

	public boolean isKnown(String coin) {
		return this.known.contains(coin);
	}

	/**
	 * The coin itself when it is tracked.
	 * @throws UnknownCoinException otherwise
	 */
	public String require(String coin) {
		if (!isKnown(coin)) {
			throw new UnknownCoinException("Unknown coin " + InvalidParameterException.shown(coin)
					+ "; the tracked coins are " + String.join(", ", this.coins) + ".");
		}
		return coin;
	}

	/**
	 * The coins of a comma-separated parameter, each tracked, without duplicates, in the order
	 * given; every tracked coin when the parameter is absent or blank.
	 * @throws InvalidParameterException when an entry is empty or there are more entries than
	 * tracked coins
	 * @throws UnknownCoinException when an entry is not a tracked coin
	 */
	public List<String> requireAll(String parameter, @Nullable String commaSeparated) {
		if (commaSeparated == null || commaSeparated.isBlank()) {
			return this.coins;
		}
		String[] entries = commaSeparated.split(",", -1);
		if (entries.length > this.coins.size()) {
			throw new InvalidParameterException(parameter, parameter + " names " + entries.length
					+ " coins; at most the " + this.coins.size() + " tracked ones can be asked for.");
		}
		Set<String> selected = new LinkedHashSet<>();
		for (String entry : entries) {
			String coin = entry.strip();
			if (coin.isEmpty()) {
				throw new InvalidParameterException(parameter,
						parameter + " must be a comma-separated list of coin ids, without empty entries.");
			}
			selected.add(require(coin));
		}
		return new ArrayList<>(selected);
	}

	@Override
	public String toString() {
		return this.coins.stream().collect(Collectors.joining(",", "Coins[", "]"));
	}

}
