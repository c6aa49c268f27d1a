package io.cryptoviz.producer.backfill;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.cryptoviz.producer.backfill.MarketChart.Point;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesMergerTests {

	private static final long T0 = 1730332800000L;

	private static final Chunk CHUNK = new Chunk(1, Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 7_200_000),
			Granularity.FIVE_MINUTELY, true);

	private final SeriesMerger merger = new SeriesMerger(Duration.ofMinutes(1));

	@Test
	void oneTickPerUsdPointAtItsExactMillisecondWithUsdFiguresAndTheEurPriceOfTheSameTime() {
		MarketChart usd = chart(List.of(p(T0 + 300_037, 72021.20221635)), List.of(p(T0 + 300_037, 1424579379839.4504)),
				List.of(p(T0 + 300_037, 31012345678.9)));
		MarketChart eur = chart(List.of(p(T0 + 300_037, 66259.5)), List.of(p(T0 + 300_037, 1.3E12)), List.of());

		SeriesMerger.Merged merged = this.merger.merge("bitcoin", CHUNK, usd, eur);

		assertThat(merged.ticks()).containsExactly(new PriceTick("bitcoin", 72021.20221635, 66259.5, null,
				1424579379839.4504, 31012345678.9, Instant.ofEpochMilli(1730333100037L), TickSource.BACKFILL));
		assertThat(merged.withoutEur()).isZero();
		assertThat(merged.eurWithoutUsd()).isZero();
	}

	@Test
	void pairsTheNearestEurPointWithinTheToleranceAndNeverOneEurFigureWithTwoTicks() {
		MarketChart usd = prices(p(T0, 100), p(T0 + 20_000, 101), p(T0 + 300_000, 102), p(T0 + 600_000, 103));
		MarketChart eur = prices(p(T0 + 15_000, 92.5), p(T0 + 300_250, 93.8), p(T0 + 690_000, 94.7));

		List<PriceTick> ticks = this.merger.merge("bitcoin", CHUNK, usd, eur).ticks();

		// T0+15 s is nearer to T0+20 s than to T0: only that one gets it
		assertThat(ticks).extracting(PriceTick::priceEur).containsExactly(null, 92.5, 93.8, null);
		assertThat(this.merger.merge("bitcoin", CHUNK, usd, eur).withoutEur()).isEqualTo(2);
		// 90 s away is beyond the tolerance: that EUR point has no USD partner and makes no tick
		assertThat(this.merger.merge("bitcoin", CHUNK, usd, eur).eurWithoutUsd()).isEqualTo(1);
	}

	@Test
	void withAZeroTolerancePairsExactTimesOnly() {
		MarketChart usd = prices(p(T0, 100), p(T0 + 300_000, 102));
		MarketChart eur = prices(p(T0, 92), p(T0 + 300_001, 93.8));

		List<PriceTick> ticks = new SeriesMerger(Duration.ZERO).merge("bitcoin", CHUNK, usd, eur).ticks();

		assertThat(ticks).extracting(PriceTick::priceEur).containsExactly(92.0, null);
	}

	@Test
	void leavesOutWhatTheHistoryDoesNotHoldAndMakesNothingUp() {
		MarketChart usd = chart(List.of(p(T0, 100), p(T0 + 300_000, 102)), List.of(p(T0, 0), p(T0 + 300_001, 5E9)),
				List.of(p(T0 + 300_000, 7E8)));

		List<PriceTick> ticks = this.merger.merge("bitcoin", CHUNK, usd, null).ticks();

		assertThat(ticks).allSatisfy((tick) -> {
			assertThat(tick.change24h()).as("no 24 h change in the history").isNull();
			assertThat(tick.priceEur()).isNull();
			assertThat(tick.marketCap()).as("0 is CoinGecko's unknown; other times are other points").isNull();
		});
		assertThat(ticks).extracting(PriceTick::volume24h).containsExactly(null, 7E8);
		assertThat(this.merger.merge("bitcoin", CHUNK, usd, null).withoutEur()).as("EUR was not asked for").isZero();
	}

	@Test
	void keepsOnlyPointsOfTheChunkOnceEach() {
		Chunk older = new Chunk(2, Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 600_000), Granularity.HOURLY,
				false);
		MarketChart usd = prices(p(T0 - 1, 99), p(T0, 100), p(T0, 100.5), p(T0 + 300_000, 101), p(T0 + 600_000, 102));

		List<PriceTick> ticks = this.merger.merge("bitcoin", older, usd, null).ticks();

		assertThat(ticks).extracting(PriceTick::priceUsd).containsExactly(100.0, 101.0);
	}

	@Test
	void skipsPointsThatCannotBeTicksAndCountsThem() {
		MarketChart usd = new MarketChart(List.of(p(T0, 0), p(T0 + 300_000, 101), p(T0 + 600_000, Double.NaN)),
				List.of(), List.of(), 2);
		MarketChart eur = prices(p(T0 + 300_000, -3));

		SeriesMerger.Merged merged = this.merger.merge("bitcoin", CHUNK, usd, eur);

		assertThat(merged.ticks()).singleElement().satisfies((tick) -> {
			assertThat(tick.priceUsd()).isEqualTo(101.0);
			assertThat(tick.priceEur()).as("a EUR price that is no price is left out").isNull();
		});
		assertThat(merged.skipped()).isEqualTo(4);
	}

	private static Point p(long time, double value) {
		return new Point(time, value);
	}

	private static MarketChart prices(Point... prices) {
		return chart(List.of(prices), List.of(), List.of());
	}

	private static MarketChart chart(List<Point> prices, List<Point> marketCaps, List<Point> volumes) {
		return new MarketChart(prices, marketCaps, volumes, 0);
	}

}
