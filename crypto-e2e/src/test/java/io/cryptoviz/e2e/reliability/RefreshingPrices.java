package io.cryptoviz.e2e.reliability;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.cryptoviz.testsupport.CoinGeckoStub.RecordedRequest;
import io.cryptoviz.testsupport.MutableClock;
import io.cryptoviz.testsupport.StubResponse;

/**
 * A CoinGecko {@code /simple/price} on a clock the test moves: its data refreshes, as CoinGecko's
 * does every minute, only when the test says so, and every poll in between gets the same answer. So
 * the ticks the source offered are known exactly: one per coin per refresh, whoever polled.
 */
final class RefreshingPrices {

	static final Duration REFRESH = Duration.ofMinutes(1);

	private final Instant first = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES);

	private final MutableClock clock = new MutableClock(this.first);

	StubResponse answer(RecordedRequest request) {
		Instant now = this.clock.instant();
		long refresh = Duration.between(this.first, now).dividedBy(REFRESH);
		StringBuilder json = new StringBuilder("{");
		List<String> coins = TickGenerator.COINS;
		for (int i = 0; i < coins.size(); i++) {
			double usd = (i + 1) * 100.0 + refresh / 100.0;
			json.append((i > 0) ? "," : "")
				.append("\"%s\":{\"usd\":%s,\"eur\":%s,\"usd_market_cap\":%s,\"usd_24h_vol\":%s,\"usd_24h_change\":0.5,"
					.formatted(coins.get(i), usd, usd * 0.9, usd * 1e7, usd * 1e5))
				.append("\"last_updated_at\":")
				.append(now.getEpochSecond())
				.append('}');
		}
		return StubResponse.ok(json.append('}').toString());
	}

	/** CoinGecko's next refresh: a minute later, new prices. */
	void refresh() {
		this.clock.advance(REFRESH);
	}

	/** When the data served now was last updated (its {@code last_updated_at}). */
	Instant lastUpdatedAt() {
		return this.clock.instant();
	}

	/** Ticks offered so far: one per coin per refresh, the first data included. */
	long ticksOffered() {
		return (Duration.between(this.first, this.clock.instant()).dividedBy(REFRESH) + 1) * TickGenerator.COINS.size();
	}

}
