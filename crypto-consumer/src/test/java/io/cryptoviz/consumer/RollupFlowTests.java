package io.cryptoviz.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.cryptoviz.devstack.InfluxDbServer;
import io.cryptoviz.influx.InfluxQl;
import io.cryptoviz.rollup.RollupInterval;
import io.cryptoviz.testsupport.KafkaTestClients;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickJson;
import io.cryptoviz.tick.TickSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
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
 * time(...)} over {@code crypto_price}). Each test has coins of its own. The buckets are merged in
 * memory while the consumer holds them, and read back from InfluxDB when it does not (after a
 * restart; {@link RollupEvictionTests} holds none at all).
 */
@SpringBootTest(properties = "server.port=0")
@EmbeddedKafka(partitions = 3)
class RollupFlowTests {

	static final InfluxDbServer influx = InfluxDbServer.temporary().start();

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

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
		List<PriceTick> ticks = RollupTicks.ticks("ordered", 1);
		publish(ticks);

		awaitCandlesOf("ordered", ticks.size());

		assertCandlesEqualRawAggregation("ordered");
	}

	@Test
	void candlesOfShuffledTicksEqualTheRawAggregation() {
		List<PriceTick> ticks = RollupTicks.ticks("shuffled", 2);
		List<PriceTick> shuffled = new ArrayList<>(ticks);
		Collections.shuffle(shuffled, new Random(2));
		publish(shuffled);

		awaitCandlesOf("shuffled", ticks.size());

		assertCandlesEqualRawAggregation("shuffled");
	}

	@Test
	void lateBackfilledTicksCorrectTheCandlesTheyFallIn() {
		List<PriceTick> ticks = RollupTicks.ticks("late", 3);
		List<PriceTick> onTime = new ArrayList<>();
		List<PriceTick> late = new ArrayList<>();
		for (int i = 0; i < ticks.size(); i++) {
			PriceTick tick = ticks.get(i);
			// every fifth tick, and a whole gap of 90 minutes, arrive later, filled in by a backfill;
			// a late tick may open, close, top or bottom a candle
			boolean inGap = tick.timestamp().isAfter(RollupTicks.START.plus(Duration.ofHours(5)))
					&& tick.timestamp().isBefore(RollupTicks.START.plus(Duration.ofMinutes(390)));
			if (i % 5 == 0 || inGap) {
				late.add(RollupTicks.backfilled(tick));
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
		List<PriceTick> ticks = RollupTicks.ticks("replayed", 4);
		publish(ticks);
		awaitCandlesOf("replayed", ticks.size());
		Map<RollupInterval, Map<Instant, Map<String, Double>>> before = candles("replayed");
		long pointsBefore = candlePoints("replayed");

		// the same ticks again, and once more a part of them, as a redelivery after a crash has them
		publish(ticks);
		publish(ticks.subList(100, 200));
		// a tick after the replay, whose candle is seen once the replay's candles are written
		PriceTick after = new PriceTick("replayed-marker", 1.0, null, null, null, null, RollupTicks.END, TickSource.COINGECKO);
		publish(List.of(after));
		awaitCandlesOf("replayed-marker", 1);

		assertThat(candles("replayed")).isEqualTo(before);
		assertThat(candlePoints("replayed")).isEqualTo(pointsBefore);
		assertCandlesEqualRawAggregation("replayed");
	}

	@Test
	void ticksOfBucketsHeldInMemoryAreMergedWithoutReadingAnythingBack() {
		List<List<PriceTick>> halves = RollupTicks.firstOfEachBucketAndTheRest(RollupTicks.ticks("merged", 5));
		publish(halves.get(0));
		awaitCandlesOf("merged", halves.get(0).size());
		double loaded = bucketsLoaded();

		publish(halves.get(1));

		awaitCandlesOf("merged", halves.get(0).size() + halves.get(1).size());
		assertCandlesEqualRawAggregation("merged");
		assertThat(bucketsLoaded()).as("buckets read back from InfluxDB").isEqualTo(loaded);
	}

	@Test
	void aRestartBetweenTwoTicksOfABucketReadsTheBucketBackAndKeepsTheTicksFromBefore() {
		List<PriceTick> ticks = RollupTicks.ticks("restarted", 6);
		List<List<PriceTick>> halves = RollupTicks.firstOfEachBucketAndTheRest(ticks);
		publish(halves.get(0));
		awaitCandlesOf("restarted", halves.get(0).size());
		double loaded = bucketsLoaded();

		// a consumer started afresh holds no bucket: it reads back each one the next ticks fall in
		MessageListenerContainer container = this.listeners.getListenerContainer("crypto-consumer");
		container.stop();
		container.start();
		publish(halves.get(1));

		awaitCandlesOf("restarted", ticks.size());
		assertCandlesEqualRawAggregation("restarted");
		long fiveMinuteBuckets = halves.get(1)
			.stream()
			.map((tick) -> RollupInterval.FIVE_MINUTES.bucketOf(tick.timestamp()))
			.distinct()
			.count();
		assertThat(bucketsLoaded() - loaded).as("buckets read back from InfluxDB")
			.isGreaterThanOrEqualTo(fiveMinuteBuckets);
	}

	@Test
	void ticksInTimeOrderOpenTheirNewBucketsWithoutReadingThemBack() {
		List<PriceTick> ticks = RollupTicks.ticks("onward", 8);
		Instant split = RollupTicks.START.plus(Duration.ofHours(10));
		List<PriceTick> before = ticks.stream().filter((tick) -> tick.timestamp().isBefore(split)).toList();
		List<PriceTick> after = ticks.subList(before.size(), ticks.size());
		publish(before);
		awaitCandlesOf("onward", before.size());
		double loaded = bucketsLoaded();

		// every bucket of these but the one open at the split starts after all that InfluxDB holds
		publish(after);

		awaitCandlesOf("onward", ticks.size());
		assertCandlesEqualRawAggregation("onward");
		assertThat(bucketsLoaded()).as("buckets read back from InfluxDB").isEqualTo(loaded);
	}

	@Test
	void afterARestartNewTicksKeepTheCandlesStoredInTheirDayWhenItsRawTicksAreGone() {
		List<PriceTick> ticks = RollupTicks.ticks("expired", 9);
		publish(ticks);
		awaitCandlesOf("expired", ticks.size());
		Map<Instant, Map<String, Double>> daysBefore = candles("expired").get(RollupInterval.ONE_DAY);
		// the raw ticks expire (a retention policy shorter than the rollups'), the candles stay
		influx.gateway().query("DELETE FROM crypto_price WHERE " + InfluxQl.coinIs("expired"));
		MessageListenerContainer container = this.listeners.getListenerContainer("crypto-consumer");
		container.stop();
		container.start();

		// one tick before the first day's candles, then one after the last day's, each in a
		// five-minute bucket and an hour of its own: the last day's candle must not start afresh
		PriceTick first = at(ticks.get(0), RollupTicks.START.minus(Duration.ofMinutes(10)));
		PriceTick last = at(ticks.get(0), RollupTicks.END.plus(Duration.ofMinutes(10)));
		publish(List.of(first));
		awaitCandlesOf("expired", ticks.size() + 1);
		publish(List.of(last));

		awaitCandlesOf("expired", ticks.size() + 2);
		Map<Instant, Map<String, Double>> days = candles("expired").get(RollupInterval.ONE_DAY);
		for (PriceTick tick : List.of(first, last)) {
			Instant day = RollupInterval.ONE_DAY.bucketOf(tick.timestamp());
			assertThat(days.get(day).get("ticks")).as("ticks of the day " + day)
				.isEqualTo(daysBefore.get(day).get("ticks") + 1);
		}
	}

	private static PriceTick at(PriceTick tick, Instant time) {
		return new PriceTick(tick.crypto(), tick.priceUsd(), tick.priceEur(), tick.change24h(), tick.marketCap(),
				tick.volume24h(), time, tick.source());
	}

	private double bucketsLoaded() {
		Counter loaded = this.meters.find("crypto.rollups.buckets.loaded").counter();
		return (loaded != null) ? loaded.count() : 0;
	}

	private void publish(List<PriceTick> ticks) {
		RollupTicks.publish(this.broker, ticks);
	}

	private static void awaitCandlesOf(String coin, int ticks) {
		RollupTicks.awaitCandlesOf(influx, coin, ticks);
	}

	private static void assertCandlesEqualRawAggregation(String coin) {
		RollupTicks.assertCandlesEqualRawAggregation(influx, coin);
	}

	private static Map<RollupInterval, Map<Instant, Map<String, Double>>> candles(String coin) {
		return StoredCandles.of(influx, coin);
	}

	private static long candlePoints(String coin) {
		return StoredCandles.points(influx, coin);
	}

}
