package io.cryptoviz.producer.budget;

import java.util.Locale;

/** CoinGecko's API plans, as far as their limits go. */
public enum Plan {

	/** No API key: a per-minute limit per IP address, shared with whoever else calls from it. */
	KEYLESS,

	/** A demo key: a per-minute limit and monthly credits. */
	DEMO,

	/** A paid plan's key ({@code pro-api.coingecko.com}). */
	PRO;

	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
