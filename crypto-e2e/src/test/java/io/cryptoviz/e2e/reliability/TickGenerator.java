package io.cryptoviz.e2e.reliability;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.cryptoviz.testsupport.CoinGeckoStub.RecordedRequest;
import io.cryptoviz.testsupport.StubResponse;

/**
 * A CoinGecko {@code /simple/price} that moves on every request: each answer carries a
 * {@code last_updated_at} one second later than the one before, so every poll publishes a new tick
 * per coin. Frozen, it repeats its last answer, and a healthy producer then publishes nothing more:
 * the producer's count of published ticks is final.
 */
final class TickGenerator {

	static final List<String> COINS = List.of("bitcoin", "ethereum", "cardano", "solana", "polkadot");

	private final long firstSecond = Instant.now().minusSeconds(86_400).getEpochSecond();

	private final AtomicLong answers = new AtomicLong();

	private final AtomicBoolean frozen = new AtomicBoolean();

	StubResponse answer(RecordedRequest request) {
		long n = this.frozen.get() ? Math.max(0, this.answers.get() - 1) : this.answers.getAndIncrement();
		StringBuilder json = new StringBuilder("{");
		for (int i = 0; i < COINS.size(); i++) {
			double usd = (i + 1) * 100.0 + n / 100.0;
			json.append((i > 0) ? "," : "")
				.append('"')
				.append(COINS.get(i))
				.append("\":{\"usd\":")
				.append(usd)
				.append(",\"eur\":")
				.append(usd * 0.9)
				.append(",\"usd_market_cap\":")
				.append(usd * 1e7)
				.append(",\"usd_24h_vol\":")
				.append(usd * 1e5)
				.append(",\"usd_24h_change\":0.5,\"last_updated_at\":")
				.append(this.firstSecond + n)
				.append('}');
		}
		return StubResponse.ok(json.append('}').toString());
	}

	/** From now on, the same answer again and again. */
	void freeze() {
		this.frozen.set(true);
	}

	void resume() {
		this.frozen.set(false);
	}

}
