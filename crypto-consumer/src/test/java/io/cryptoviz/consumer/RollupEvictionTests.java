package io.cryptoviz.consumer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import io.cryptoviz.devstack.InfluxDbServer;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consumer whose memory holds no bucket from one poll to the next ({@code cached-members=1}):
 * every bucket a tick falls in is read back from InfluxDB, raw points or the candles below, and
 * the candles still equal the raw aggregation for shuffled, late and replayed ticks.
 */
@SpringBootTest(properties = { "server.port=0", "cryptoviz.rollups.cached-members=1" })
@EmbeddedKafka(partitions = 3)
class RollupEvictionTests {

	static final InfluxDbServer influx = InfluxDbServer.temporary().start();

	@Autowired
	private EmbeddedKafkaBroker broker;

	@Autowired
	private MeterRegistry meters;

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
	void candlesOfShuffledLateAndReplayedTicksReadBackFromInfluxDbEqualTheRawAggregation() {
		List<PriceTick> ticks = RollupTicks.ticks("evicted", 7);
		List<PriceTick> shuffled = new ArrayList<>(ticks);
		Collections.shuffle(shuffled, new Random(7));
		List<PriceTick> onTime = shuffled.subList(0, shuffled.size() * 2 / 3);
		List<PriceTick> late = new ArrayList<>();
		shuffled.subList(onTime.size(), shuffled.size()).forEach((tick) -> late.add(RollupTicks.backfilled(tick)));
		// polls of a few ticks each: each one reads its buckets back
		for (int from = 0; from < onTime.size(); from += 40) {
			RollupTicks.publish(this.broker, onTime.subList(from, Math.min(onTime.size(), from + 40)));
		}
		RollupTicks.awaitCandlesOf(influx, "evicted", onTime.size());
		RollupTicks.assertCandlesEqualRawAggregation(influx, "evicted");

		RollupTicks.publish(this.broker, late);
		// a replay, then one tick more on the same partition: once it is counted, the replay was merged
		List<PriceTick> replayed = new ArrayList<>(late.subList(0, 60));
		replayed.addAll(onTime.subList(0, 90));
		replayed.add(new PriceTick("evicted", 1.0, null, null, null, null, RollupTicks.END, TickSource.COINGECKO));
		RollupTicks.publish(this.broker, replayed);

		RollupTicks.awaitCandlesOf(influx, "evicted", ticks.size() + 1);
		RollupTicks.assertCandlesEqualRawAggregation(influx, "evicted");
		Counter loaded = this.meters.find("crypto.rollups.buckets.loaded").counter();
		assertThat(loaded).isNotNull();
		assertThat(loaded.count()).as("buckets read back from InfluxDB").isGreaterThan(ticks.size() / 5.0);
	}

}
