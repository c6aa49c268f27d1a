package io.cryptoviz.producer.simulated;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.cryptoviz.producer.history.Span;
import io.cryptoviz.producer.publish.TickPublisher;
import io.cryptoviz.testsupport.MutableClock;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.Mockito.mock;

/** The simulated walk's past: dense enough, plausible, and joined to the live walk and to what came before. */
class SimulatedHistoryTests {

	private static final Instant NOW = Instant.parse("2026-11-30T12:02:30Z");

	private final SimulatedProperties properties = new SimulatedProperties(Map.of("bitcoin", 95000.0),
			Map.of("bitcoin", 19_800_000.0), 0.002, 0.92, 42L, Duration.ofSeconds(10), 0.03);

	private final MutableClock clock = new MutableClock(NOW);

	private final SimulatedPriceSource walk = new SimulatedPriceSource(this.properties, this.clock);

	private final SimulatedHistory history = new SimulatedHistory(this.walk, this.properties,
			mock(TickPublisher.class), this.clock);

	@Test
	void thirtyDaysAreHourlyThenFiveMinutelyForTheLastDayOnTheUtcGrid() {
		List<PriceTick> ticks = this.history.ticks("bitcoin", new Span(NOW.minus(Duration.ofDays(30)), NOW), null, NOW);

		assertThat(gaps(ticks)).containsExactly(Duration.ofHours(1).toMillis(), Duration.ofMinutes(5).toMillis());
		// on the hour from 13:00 thirty days ago to 12:00 a day ago, then every five minutes from 12:05 to 12:00
		assertThat(ticks).hasSize(696 + 288);
		assertThat(ticks).allSatisfy((tick) -> {
			assertThat(tick.source()).isEqualTo(TickSource.SIMULATED);
			assertThat(tick.timestamp().toEpochMilli() % Duration.ofMinutes(5).toMillis()).isZero();
			assertThat(tick.priceEur()).isCloseTo(tick.priceUsd() * 0.92, within(1e-6));
			assertThat(tick.marketCap()).isCloseTo(tick.priceUsd() * 19_800_000.0, within(1.0));
			assertThat(tick.change24h()).isNull();
		});
		assertThat(ticks.get(ticks.size() - 1).timestamp()).isBefore(NOW);
		assertThat(ticks.get(0).timestamp()).isAfterOrEqualTo(NOW.minus(Duration.ofDays(30)));
	}

	@Test
	void endsWhereTheLiveWalkStandsSoTheLiveTicksGoOnWithoutAJump() {
		this.walk.fetch(List.of("bitcoin"));
		this.walk.fetch(List.of("bitcoin"));
		double live = this.walk.price("bitcoin");

		List<PriceTick> ticks = this.history.ticks("bitcoin", new Span(NOW.minus(Duration.ofDays(30)), NOW), null, NOW);

		double last = ticks.get(ticks.size() - 1).priceUsd();
		// the last point is at most five minutes before the end: a move of a few tenths of a percent
		assertThat(Math.abs(Math.log(last / live))).isLessThan(0.03 * Math.sqrt(5.0 / 1440) * 5);
	}

	@Test
	void aGapStartsAtThePriceOfTheTickBeforeIt() {
		Instant before = NOW.minus(Duration.ofHours(2));
		PriceTick last = new PriceTick("bitcoin", 80000.0, null, null, null, null, before, TickSource.SIMULATED);

		List<PriceTick> ticks = this.history.ticks("bitcoin", new Span(before, NOW), last, NOW);

		assertThat(ticks).hasSize(24).allSatisfy((tick) -> assertThat(tick.timestamp()).isAfter(before));
		double first = ticks.get(0).priceUsd();
		assertThat(Math.abs(Math.log(first / 80000.0))).as("five minutes after the tick before the gap")
			.isLessThan(0.03 * Math.sqrt(5.0 / 1440) * 5 + Math.log(95000.0 / 80000.0) * 5 / 120);
		double end = ticks.get(ticks.size() - 1).priceUsd();
		assertThat(Math.abs(Math.log(end / 95000.0))).as("five minutes before the live walk's price")
			.isLessThan(0.03 * Math.sqrt(5.0 / 1440) * 5 + Math.log(95000.0 / 80000.0) * 5 / 120);
	}

	@Test
	void aMonthMovesAsMuchAsAMarketDoesNotAsMuchAsTheLiveWalkKeptUpWould() {
		List<PriceTick> ticks = this.history.ticks("bitcoin", new Span(NOW.minus(Duration.ofDays(30)), NOW), null, NOW);

		double lowest = ticks.stream().mapToDouble(PriceTick::priceUsd).min().orElseThrow();
		double highest = ticks.stream().mapToDouble(PriceTick::priceUsd).max().orElseThrow();
		// 3 % a day is about 16 % a month; the live walk's 0.2 % every 10 s would be about 100 %
		assertThat(highest / lowest).isLessThan(2.0);
	}

	private static List<Long> gaps(List<PriceTick> ticks) {
		return java.util.stream.IntStream.range(1, ticks.size())
			.mapToObj((i) -> ticks.get(i).timestamp().toEpochMilli() - ticks.get(i - 1).timestamp().toEpochMilli())
			.distinct()
			.toList();
	}

}
