package io.cryptoviz.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickSource;

/** Synthetic ticks with every figure present: {@code coins} coins, one tick per coin per second. */
final class Ticks {

	private Ticks() {
	}

	static List<PriceTick> generate(int count, int coins) {
		Instant start = Instant.parse("2025-01-01T00:00:00Z");
		List<PriceTick> ticks = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			int coin = i % coins;
			double price = 100.0 + coin + (i / coins) * 0.001;
			ticks.add(new PriceTick("coin-%03d".formatted(coin), price, price * 0.92, -1.5 + (i % 300) / 100.0,
					price * 1.9e7, price * 2.3e5, start.plusMillis((long) (i / coins) * 1000 + coin),
					TickSource.SIMULATED));
		}
		return ticks;
	}

}
