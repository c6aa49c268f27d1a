package io.cryptoviz.producer.universe;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.cryptoviz.tick.PriceTick;

/**
 * What {@code cryptoviz.coins} asks for: fixed coin ids, at most one rule {@code top:N} (the N largest
 * coins by market cap, 1 to {@value #MAX_TOP}), or both, e.g. {@code top:100,monero}.
 *
 * @param top N of the rule; 0 when there is none
 * @param fixed the fixed ids, in the order given
 */
public record CoinSelection(int top, List<String> fixed) {

	public static final int MAX_TOP = 1000;

	private static final String RULE = "top:";

	public CoinSelection {
		fixed = List.copyOf(fixed);
	}

	/**
	 * @throws IllegalArgumentException with a message that names the entry and says what is allowed
	 */
	public static CoinSelection parse(List<String> entries) {
		int top = 0;
		Set<String> fixed = new LinkedHashSet<>();
		for (String raw : entries) {
			String entry = raw.strip();
			if (entry.isEmpty()) {
				continue;
			}
			if (entry.toLowerCase(Locale.ROOT).startsWith(RULE)) {
				if (top != 0) {
					throw new IllegalArgumentException("cryptoviz.coins has two rules; give one top:N");
				}
				top = topOf(entry);
			}
			else if (PriceTick.isCoinId(entry)) {
				fixed.add(entry);
			}
			else {
				throw new IllegalArgumentException("cryptoviz.coins: '" + abbreviate(entry) + "' is neither a CoinGecko "
						+ "coin id (lower-case letters, digits and '-', e.g. bitcoin) nor a rule such as top:100");
			}
		}
		if (top == 0 && fixed.isEmpty()) {
			throw new IllegalArgumentException("cryptoviz.coins is empty: name coins by CoinGecko id (bitcoin,ethereum), "
					+ "or give a rule such as top:100");
		}
		return new CoinSelection(top, new ArrayList<>(fixed));
	}

	public boolean hasRule() {
		return this.top > 0;
	}

	/** How many coins are tracked at most. */
	public int size() {
		return this.top + this.fixed.size();
	}

	@Override
	public String toString() {
		List<String> parts = new ArrayList<>();
		if (hasRule()) {
			parts.add(RULE + this.top);
		}
		parts.addAll(this.fixed);
		return String.join(",", parts);
	}

	private static int topOf(String entry) {
		String number = entry.substring(RULE.length()).strip();
		try {
			int n = Integer.parseInt(number);
			if (n >= 1 && n <= MAX_TOP) {
				return n;
			}
		}
		catch (NumberFormatException ex) {
			// the message below says what is expected
		}
		throw new IllegalArgumentException("cryptoviz.coins: '" + abbreviate(entry) + "' is not a rule; write top:N with "
				+ "N from 1 to " + MAX_TOP + ", e.g. top:100");
	}

	private static String abbreviate(String value) {
		return (value.length() <= 40) ? value : value.substring(0, 40) + "...";
	}

}
