package io.cryptoviz.producer.simulated;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What top:N means without internet. */
class SimulatedTopCoinsTests {

	private final SimulatedTopCoins top = new SimulatedTopCoins(new SimulatedProperties(
			Map.of("bitcoin", 95000.0, "ethereum", 3500.0, "cardano", 0.65), Map.of("bitcoin", 19_800_000.0,
					"ethereum", 120_700_000.0, "cardano", 36_000_000_000.0),
			0.002, 0.92, null, Duration.ofSeconds(10), 0.03));

	@Test
	void ranksTheCoinsItKnowsByTheirStartingMarketCap() {
		assertThat(this.top.top(2)).containsExactly("bitcoin", "ethereum");
	}

	@Test
	void makesUpTheRestAndCostsNoCall() {
		assertThat(this.top.top(5)).containsExactly("bitcoin", "ethereum", "cardano", "sim-coin-004", "sim-coin-005");
		assertThat(this.top.top(250)).hasSize(250).doesNotHaveDuplicates().last().isEqualTo("sim-coin-250");
		assertThat(this.top.requestsFor(250)).isZero();
	}

}
