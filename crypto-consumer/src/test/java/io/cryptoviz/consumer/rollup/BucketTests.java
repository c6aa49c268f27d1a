package io.cryptoviz.consumer.rollup;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.cryptoviz.consumer.rollup.Bucket.BucketKey;
import io.cryptoviz.rollup.RollupInterval;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A bucket's candle, however its members came: the same point to the last bit. */
class BucketTests {

	private static final BucketKey KEY = new BucketKey(RollupInterval.FIVE_MINUTES, "bitcoin", 0);

	@Test
	void aCandleMergedTickByTickInTimeOrderIsTheCandleOfAllItsTicksToTheBit() {
		long[] times = new long[300];
		List<Figures> points = new ArrayList<>();
		Random random = new Random(14);
		for (int i = 0; i < 300; i++) {
			double usd = 100 + random.nextGaussian();
			times[i] = i * 1000L + random.nextInt(1000);
			points.add(Figures.ofPoint(usd, (i % 7 == 3) ? Double.NaN : usd * 0.92,
					(i % 13 == 5) ? Double.NaN : usd * 1.9e7, (i % 11 == 2) ? Double.NaN : usd * 2.3e5));
		}
		Bucket inOrder = new Bucket(KEY);
		Bucket reversed = new Bucket(KEY);
		for (int i = 0; i < points.size(); i++) {
			inOrder.putPoint(times[i], "coingecko", points.get(i));
			// asked for after each tick, so each newer tick is merged into a known candle
			assertThat(inOrder.candle()).isNotNull();
		}
		for (int i = points.size() - 1; i >= 0; i--) {
			reversed.putPoint(times[i], "coingecko", points.get(i));
		}

		assertThat(inOrder.candle()).isEqualTo(reversed.candle());
	}

	@Test
	void aTickAtTheTimeOfTheNewestFromAnotherSourceIsSettledAsInfluxDbSettlesIt() {
		Bucket bucket = new Bucket(KEY);
		bucket.putPoint(1000, "coingecko", Figures.ofPoint(100, 92, 1, 2));
		assertThat(bucket.candle()).isNotNull();
		bucket.putPoint(2000, "coingecko", Figures.ofPoint(101, 93, 1, 2));
		assertThat(bucket.candle()).isNotNull();
		bucket.putPoint(2000, "backfill", Figures.ofPoint(103, 95, 1, 2));

		Bucket aggregated = new Bucket(KEY);
		aggregated.putPoint(2000, "backfill", Figures.ofPoint(103, 95, 1, 2));
		aggregated.putPoint(2000, "coingecko", Figures.ofPoint(101, 93, 1, 2));
		aggregated.putPoint(1000, "coingecko", Figures.ofPoint(100, 92, 1, 2));
		assertThat(bucket.candle()).isEqualTo(aggregated.candle());
		assertThat(bucket.candle().byName()).containsEntry("close_usd", 103.0).containsEntry("ticks", 3.0);
	}

}
