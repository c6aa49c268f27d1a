package io.cryptoviz.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.cryptoviz.devstack.InfluxDbServer;
import io.cryptoviz.rollup.RollupInterval;
import io.cryptoviz.testsupport.KafkaTestClients;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickJson;
import io.cryptoviz.tick.TickSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The candle rollups the consumer writes, against a real (embedded) Kafka broker and a real
 * InfluxDB: whatever order the ticks arrive in, and however often, every candle of every interval
 * equals the aggregation of the raw ticks the API has been serving (InfluxQL's {@code GROUP BY
 * time(...)} over {@code crypto_price}). Each test has coins of its own.
 */
@SpringBootTest(properties = "server.port=0")
@EmbeddedKafka(partitions = 3)
class RollupFlowTests {

	static final InfluxDbServer influx = InfluxDbServer.temporary().start();

	/** From 22:00 one day to 04:00 two days later: buckets of each interval, midnight crossed twice. */
	static final Instant START = Instant.parse("2025-03-01T22:00:00Z");

	static final Instant END = Instant.parse("2025-03-03T04:00:00Z");

	@Autowired
	private EmbeddedKafkaBroker broker;

	@DynamicPropertySource
	static void influx(DynamicPropertyRegistry registry) {
		influx.createDatabases();
		registry.add("influx.url", influx::url);
	}

	@AfterAll
	static void stopInflux() {
		influx.stop();
	}

	@Test
	void candlesOfTicksInOrderEqualTheRawAggregation() {
		List<PriceTick> ticks = ticks("ordered", 1);
		publish(ticks);

		awaitCandlesOf("ordered", ticks.size());

		assertCandlesEqualRawAggregation("ordered");
	}

	@Test
	void candlesOfShuffledTicksEqualTheRawAggregation() {
		List<PriceTick> ticks = ticks("shuffled", 2);
		List<PriceTick> shuffled = new ArrayList<>(ticks);
		Collections.shuffle(shuffled, new Random(2));
		publish(shuffled);

		awaitCandlesOf("shuffled", ticks.size());

		assertCandlesEqualRawAggregation("shuffled");
	}

	@Test
	void lateBackfilledTicksCorrectTheCandlesTheyFallIn() {
		List<PriceTick> ticks = ticks("late", 3);
		List<PriceTick> onTime = new ArrayList<>();
		List<PriceTick> late = new ArrayList<>();
		for (int i = 0; i < ticks.size(); i++) {
			PriceTick tick = ticks.get(i);
			// every fifth tick, and a whole gap of 90 minutes, arrive later, filled in by a backfill;
			// a late tick may open, close, top or bottom a candle
			boolean inGap = tick.timestamp().isAfter(START.plus(Duration.ofHours(5)))
					&& tick.timestamp().isBefore(START.plus(Duration.ofMinutes(390)));
			if (i % 5 == 0 || inGap) {
				late.add(backfilled(tick));
			}
			else {
				onTime.add(tick);
			}
		}
		publish(onTime);
		awaitCandlesOf("late", onTime.size());
		Map<RollupInterval, Map<Instant, Map<String, Double>>> before = candles("late");

		Collections.reverse(late);
		publish(late);

		awaitCandlesOf("late", ticks.size());
		assertCandlesEqualRawAggregation("late");
		assertThat(candles("late")).isNotEqualTo(before);
	}

	@Test
	void replayedTicksLeaveEveryCandleAsItWas() {
		List<PriceTick> ticks = ticks("replayed", 4);
		publish(ticks);
		awaitCandlesOf("replayed", ticks.size());
		Map<RollupInterval, Map<Instant, Map<String, Double>>> before = candles("replayed");
		long pointsBefore = candlePoints("replayed");

		// the same ticks again, and once more a part of them, as a redelivery after a crash has them
		publish(ticks);
		publish(ticks.subList(100, 200));
		// a tick after the replay, whose candle is seen once the replay's candles are written
		PriceTick after = new PriceTick("replayed-marker", 1.0, null, null, null, null, END, TickSource.COINGECKO);
		publish(List.of(after));
		awaitCandlesOf("replayed-marker", 1);

		assertThat(candles("replayed")).isEqualTo(before);
		assertThat(candlePoints("replayed")).isEqualTo(pointsBefore);
		assertCandlesEqualRawAggregation("replayed");
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

	private static PriceTick backfilled(PriceTick tick) {
		return new PriceTick(tick.crypto(), tick.priceUsd(), tick.priceEur(), tick.change24h(), tick.marketCap(),
				tick.volume24h(), tick.timestamp(), TickSource.BACKFILL);
	}

	private void publish(List<PriceTick> ticks) {
		List<Map.Entry<String, byte[]>> records = new ArrayList<>();
		for (PriceTick tick : ticks) {
			records.add(entry(tick.crypto(), json(tick)));
		}
		KafkaTestClients.publish(this.broker.getBrokersAsString(), "crypto-prices", records);
	}

	private static byte[] json(PriceTick tick) {
		try {
			return TickJson.strictMapper().writeValueAsBytes(tick);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Until the coarsest candles count every tick: the last poll's candles are written, finest first. */
	private static void awaitCandlesOf(String coin, int ticks) {
		await().atMost(Duration.ofSeconds(60)).until(() -> StoredCandles.ticksCounted(influx, coin) == ticks);
	}

	private static void assertCandlesEqualRawAggregation(String coin) {
		Map<RollupInterval, Map<Instant, Map<String, Double>>> candles = candles(coin);
		Map<RollupInterval, Map<Instant, Map<String, Double>>> raw = StoredCandles.rawAggregation(influx, coin,
				START.minus(Duration.ofDays(1)), END.plus(Duration.ofDays(1)));
		for (RollupInterval interval : RollupInterval.ladder()) {
			assertThat(candles.get(interval)).as(interval.id() + " candles").isNotEmpty().isEqualTo(raw.get(interval));
		}
	}

	private static Map<RollupInterval, Map<Instant, Map<String, Double>>> candles(String coin) {
		return StoredCandles.of(influx, coin);
	}

	private static long candlePoints(String coin) {
		return StoredCandles.points(influx, coin);
	}

}
