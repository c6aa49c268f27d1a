package io.cryptoviz.producer.coingecko;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.cryptoviz.producer.budget.CallBudget;
import io.cryptoviz.producer.budget.CallBudget.KeyUsage;
import io.cryptoviz.producer.budget.CallBudget.Purpose;
import io.cryptoviz.producer.budget.Plan;
import io.cryptoviz.producer.source.PriceSourceException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The pro plan's {@code /key} endpoint: the credits the month has left, as CoinGecko counts them (with
 * every other user of the key). Asked every {@code cryptoviz.coingecko.budget.key-check-interval}; other
 * plans have no such endpoint, and are never asked.
 */
public class CoinGeckoKeyUsage {

	private static final Logger logger = LoggerFactory.getLogger(CoinGeckoKeyUsage.class);

	private final CoinGeckoClient client;

	private final CallBudget budget;

	private final Duration interval;

	private final Clock clock;

	private @Nullable Instant nextCheck;

	CoinGeckoKeyUsage(CoinGeckoClient client, CallBudget budget, Duration interval, Clock clock) {
		this.client = client;
		this.budget = budget;
		this.interval = interval;
		this.clock = clock;
	}

	/** Asks {@code /key} when a check is due (pro plan only, not while the credits are used up). */
	public synchronized void checkIfDue() {
		Instant now = this.clock.instant();
		if (this.budget.plan() != Plan.PRO || (this.nextCheck != null && now.isBefore(this.nextCheck))
				|| this.budget.pausedUntil() != null) {
			return;
		}
		this.nextCheck = now.plus(this.interval);
		try {
			JsonNode body = this.client.get(Purpose.KEY, "/key", (uri) -> uri);
			this.budget.keyUsage(new KeyUsage(integer(body, "rate_limit_request_per_minute"),
					number(body, "monthly_call_credit"), number(body, "current_total_monthly_calls"),
					number(body, "current_remaining_monthly_calls")));
		}
		catch (PriceSourceException ex) {
			logger.warn("Could not read the credits left from CoinGecko's /key: {}; next try in {}", ex.getMessage(),
					this.interval);
		}
	}

	private static @Nullable Long number(JsonNode body, String field) {
		JsonNode value = body.get(field);
		return (value != null && value.isNumber()) ? value.asLong() : null;
	}

	private static @Nullable Integer integer(JsonNode body, String field) {
		Long value = number(body, field);
		return (value != null) ? Math.toIntExact(Math.min(value, Integer.MAX_VALUE)) : null;
	}

}
