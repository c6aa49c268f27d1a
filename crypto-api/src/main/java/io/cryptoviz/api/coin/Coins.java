package io.cryptoviz.api.coin;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.cryptoviz.api.problem.InvalidParameterException;
import io.cryptoviz.api.problem.UnknownCoinException;
import io.cryptoviz.tick.PriceTick;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The coins the API serves: those the data holds ({@link CoinCatalog}). A coin a client names must
 * be a coin id (the alphabet InfluxQL can hold safely), checked before the catalog is asked, and
 * one the data holds: only then does it reach a query.
 */
@Component
public class Coins {

	private final CoinCatalog catalog;

	public Coins(CoinCatalog catalog) {
		this.catalog = catalog;
	}

	/** The coins of the data, by id in alphabetical order. */
	public List<String> all() {
		return this.catalog.coins().stream().sorted().toList();
	}

	public boolean isKnown(String coin) {
		return PriceTick.isCoinId(coin) && this.catalog.holds(coin);
	}

	/**
	 * The coin itself when the data holds it.
	 * @throws UnknownCoinException otherwise
	 */
	public String require(String coin) {
		if (!isKnown(coin)) {
			throw new UnknownCoinException("Unknown coin " + InvalidParameterException.shown(coin)
					+ ": no tick of it is stored or streamed; /api/v1/coins lists the coins there are.");
		}
		return coin;
	}

	/**
	 * The coins of a comma-separated parameter, each known, without duplicates, in the order
	 * given; every coin when the parameter is absent or blank.
	 * @throws InvalidParameterException when an entry is empty or there are more entries than
	 * coins
	 * @throws UnknownCoinException when an entry is not a known coin
	 */
	public List<String> requireAll(String parameter, @Nullable String commaSeparated) {
		if (commaSeparated == null || commaSeparated.isBlank()) {
			return all();
		}
		String[] entries = commaSeparated.split(",", -1);
		int known = this.catalog.coins().size();
		if (entries.length > known) {
			throw new InvalidParameterException(parameter, parameter + " names " + entries.length + " coins; "
					+ ((known == 0) ? "there is none yet: no tick of any coin is stored or streamed."
							: "at most the " + known + " there are can be asked for."));
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

}
