package io.cryptoviz.producer.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cryptoviz.producer.budget.BudgetProperties;
import io.cryptoviz.producer.budget.CallBudget;
import io.cryptoviz.producer.budget.Plan;
import io.cryptoviz.producer.budget.PlanLimits;
import io.cryptoviz.producer.poll.ProducerProperties.Currency;
import io.cryptoviz.producer.poll.ProducerProperties.SourceType;
import io.cryptoviz.producer.simulated.SimulatedProperties;
import io.cryptoviz.producer.source.PriceSource;
import io.cryptoviz.producer.universe.CoinSelection;
import io.cryptoviz.producer.universe.CoinUniverse;
import io.cryptoviz.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** What the producer says at start of the cadence it follows, with a mocked coin list and source. */
@ExtendWith(OutputCaptureExtension.class)
class PollCadenceTests {

	private static final List<String> FIVE = List.of("bitcoin", "ethereum", "cardano", "solana", "polkadot");

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final CallBudget budget = new CallBudget(Plan.DEMO, new PlanLimits(30, 10_000L, Duration.ofSeconds(60)),
			new BudgetProperties(0.1, Duration.ofHours(1), Duration.ofHours(1)), this.clock, (instant) -> {
			}, new SimpleMeterRegistry());

	@Test
	void anIntervalThatSpendsTheCreditsEarlyStartsButSaysSoWithTheNumbers(CapturedOutput output) {
		PollCadence cadence = cadence(PollInterval.valueOf("10s"));

		assertThat(cadence.interval()).hasSeconds(10);
		assertThat(output.getAll().lines().filter((line) -> line.contains(" WARN "))).singleElement()
			.asString()
			.endsWith("cryptoviz.producer.poll-interval=10s spends the demo plan's credits before the month is over: "
					+ "267,840 calls in a 31-day month against 10,000 credits, used up after 1 d 03 h; polling then "
					+ "slows to one attempt every 1 h until the month turns. poll-interval: auto (every 4 min 58 s "
					+ "here) lasts the month.");
	}

	@Test
	void autoSaysWhatItDerivedAndWarnsOfNothing(CapturedOutput output) {
		PollCadence cadence = cadence(PollInterval.AUTO);

		assertThat(cadence.interval()).hasSeconds(298);
		assertThat(output).contains("Polling CoinGecko every 4 min 58 s (poll-interval: auto): demo plan (30 calls a "
				+ "minute, 10,000 credits a month, new data every 1 min): 5 coins in 1 request a poll: 8,988 calls in a "
				+ "31-day month (8,988 for prices, 0 for the coin list and key checks), 1,012 left for history")
			.doesNotContain(" WARN ");
		assertThat(cadence.tick()).hasSeconds(1);
	}

	@Test
	void anIntervalBelowASecondIsLookedAtThatOften() {
		assertThat(cadence(PollInterval.valueOf("200ms")).tick()).hasMillis(200);
	}

	private PollCadence cadence(PollInterval interval) {
		CoinUniverse universe = mock(CoinUniverse.class);
		when(universe.coins()).thenReturn(FIVE);
		when(universe.isLoaded()).thenReturn(true);
		when(universe.selection()).thenReturn(new CoinSelection(0, FIVE));
		PriceSource source = mock(PriceSource.class);
		when(source.requestsFor(anyList())).thenReturn(1);
		ProducerProperties producer = new ProducerProperties(SourceType.COINGECKO, interval,
				Set.of(Currency.USD, Currency.EUR), Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofMinutes(2));
		SimulatedProperties simulated = new SimulatedProperties(Map.of(), Map.of(), 0.002, 0.92, null,
				Duration.ofSeconds(10), 0.03);
		PollCadence cadence = new PollCadence(producer, simulated,
				new BudgetProperties(0.1, Duration.ofHours(1), Duration.ofHours(1)), this.budget, universe, source);
		cadence.current();
		return cadence;
	}

}
