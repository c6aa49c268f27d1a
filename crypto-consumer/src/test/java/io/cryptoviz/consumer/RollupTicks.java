package io.cryptoviz.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.cryptoviz.devstack.InfluxDbServer;
import io.cryptoviz.rollup.RollupInterval;
import io.cryptoviz.testsupport.KafkaTestClients;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickJson;
import io.cryptoviz.tick.TickSource;

import org.springframework.kafka.test.EmbeddedKafkaBroker;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The ticks the rollup tests publish, and how they wait for and check the candles. */
final class RollupTicks {

	/** From 22:00 one day to 04:00 two days later: buckets of each interval, midnight crossed twice. */
	static final Instant START = Instant.parse("2025-03-01T22:00:00Z");

	static final Instant END = Instant.parse("2025-03-03T04:00:00Z");

	private RollupTicks() {
	}

	/**
	 * A coin's ticks from {@link #START} to {@link #END}, a few minutes apart at uneven steps, a
	 * random walk, some without EUR price, volume or market cap.
	 */
	static List<PriceTick> ticks(String coin, long seed) {
		Random random = new Random(seed);
		List<PriceTick> ticks = new ArrayList<>();
		double price = 100;
		int i = 0;
		for (Instant time = START; time.isBefore(END); time = time.plusSeconds(60 + random.nextInt(240)), i++) {
			price *= 1 + (random.nextGaussian() * 0.01);
			ticks.add(new PriceTick(coin, price, (i % 7 == 3) ? null : price * 0.92, 1.5, (i % 13 == 5) ? null
					: price * 1.9e7, (i % 11 == 2) ? null : price * 2.3e5 + i, time, TickSource.COINGECKO));
		}
		return ticks;
	}

	static PriceTick backfilled(PriceTick tick) {
		return new PriceTick(tick.crypto(), tick.priceUsd(), tick.priceEur(), tick.change24h(), tick.marketCap(),
				tick.volume24h(), tick.timestamp(), TickSource.BACKFILL);
	}

	/**
	 * The first tick of each five-minute bucket, and every other tick: the second list falls only
	 * in buckets the first has opened.
	 */
	static List<List<PriceTick>> firstOfEachBucketAndTheRest(List<PriceTick> ticks) {
		List<PriceTick> first = new ArrayList<>();
		List<PriceTick> rest = new ArrayList<>();
		java.util.Set<Instant> opened = new java.util.HashSet<>();
		for (PriceTick tick : ticks) {
			(opened.add(RollupInterval.FIVE_MINUTES.bucketOf(tick.timestamp())) ? first : rest).add(tick);
		}
		return List.of(first, rest);
	}

	static void publish(EmbeddedKafkaBroker broker, List<PriceTick> ticks) {
		List<Map.Entry<String, byte[]>> records = new ArrayList<>();
		for (PriceTick tick : ticks) {
			records.add(entry(tick.crypto(), json(tick)));
		}
		KafkaTestClients.publish(broker.getBrokersAsString(), "crypto-prices", records);
	}

	private static byte[] json(PriceTick tick) {
		try {
			return TickJson.strictMapper().writeValueAsBytes(tick);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Until the coarsest candles count every tick: a poll's candles are written in one request, finest first. */
	static void awaitCandlesOf(InfluxDbServer influx, String coin, int ticks) {
		await().atMost(Duration.ofSeconds(60)).until(() -> StoredCandles.ticksCounted(influx, coin) == ticks);
	}

	static void assertCandlesEqualRawAggregation(InfluxDbServer influx, String coin) {
		Map<RollupInterval, Map<Instant, Map<String, Double>>> candles = StoredCandles.of(influx, coin);
		Map<RollupInterval, Map<Instant, Map<String, Double>>> raw = StoredCandles.rawAggregation(influx, coin,
				START.minus(Duration.ofDays(1)), END.plus(Duration.ofDays(1)));
		for (RollupInterval interval : RollupInterval.ladder()) {
			assertThat(candles.get(interval)).as(interval.id() + " candles").isNotEmpty().isEqualTo(raw.get(interval));
		}
	}

}
