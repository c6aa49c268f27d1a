package io.cryptoviz.api.series;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import io.cryptoviz.api.ApiIntegrationTests;
import io.cryptoviz.testsupport.MutableClock;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The tiers against InfluxDB holding ticks and their candles, on a clock the test moves: raw ticks
 * kept 90 days, so "now" decides which tier holds the start of a range. Answers are not cached here,
 * so that each request reads the tiers. Coins of their own: avalanche-2 (the boundary), tron (the
 * same answer from either tier).
 */
@TestPropertySource(properties = { "cryptoviz.api.tiers.raw-retention=90d", "cryptoviz.api.caches.history.ttl=0s",
		"cryptoviz.api.caches.candles.ttl=0s", "cryptoviz.api.caches.compare.ttl=0s" })
@Import(TierIntegrationTests.Now.class)
class TierIntegrationTests extends ApiIntegrationTests {

	/** 90 days after 2025-08-02T12:30:00Z: the raw ticks hold that instant, and nothing before. */
	private static final Instant NOW = Instant.parse("2025-10-31T12:30:00Z");

	@Autowired
	private MutableClock clock;

	@BeforeAll
	static void seed() {
		// avalanche-2 every 10 minutes from 12:00 to 13:50 on 2 August 2025, at 20 + minutes/100
		List<PriceTick> boundary = new ArrayList<>();
		for (int minute = 0; minute < 120; minute += 10) {
			boundary.add(new PriceTick("avalanche-2", 20 + minute / 100.0, 18 + minute / 100.0, null, 1e9 + minute,
					1e7 + minute, Instant.parse("2025-08-02T12:00:00Z").plus(Duration.ofMinutes(minute)),
					TickSource.COINGECKO));
		}
		store(boundary.toArray(PriceTick[]::new));
		// tron from 7 to 16 September 2025, at random times and prices, some without EUR, volume or
		// market cap, from two sources, stored in a random order
		Random random = new Random(14);
		List<PriceTick> ticks = new ArrayList<>();
		Instant start = Instant.parse("2025-09-07T00:00:00Z");
		for (int i = 0; i < 2400; i++) {
			Instant time = start.plusMillis((long) (random.nextDouble() * Duration.ofDays(9).toMillis()));
			double usd = 0.3 + random.nextDouble() / 10;
			ticks.add(new PriceTick("tron", usd, (random.nextInt(5) == 0) ? null : usd * 0.9, 1.5,
					(random.nextInt(4) == 0) ? null : 3e10 * usd, (random.nextInt(3) == 0) ? null : 1e9 * usd, time,
					(random.nextInt(10) == 0) ? TickSource.BACKFILL : TickSource.COINGECKO));
		}
		Collections.shuffle(ticks, random);
		store(ticks.toArray(PriceTick[]::new));
	}

	@BeforeEach
	void now() {
		this.clock.set(NOW);
	}

	@Test
	void aBucketCutByFromComesFromRawTicksWhileTheyHoldItAndWholeFromCandlesOnceTheyDoNot() {
		String candles = "/api/v1/coins/avalanche-2/candles?interval=1h&from=2025-08-02T12:30:00Z&to=2025-08-02T14:00:00Z";
		JsonNode held = get(candles).json();
		this.clock.advance(Duration.ofMillis(1));
		JsonNode expired = get(candles).json();

		assertThat(tiers(held)).containsExactly("raw 2025-08-02T12:30:00Z 2025-08-02T13:00:00Z",
				"1h 2025-08-02T13:00:00Z 2025-08-02T14:00:00Z");
		// the ticks from 12:30 on: open 20.30, high 20.50, low 20.30, close 20.50
		assertThat(held.get("candles").get(0).get("open").asDouble()).isEqualTo(20.30);
		assertThat(held.get("candles").get(0).get("low").asDouble()).isEqualTo(20.30);
		assertThat(held.get("candles").get(1).get("open").asDouble()).isEqualTo(20.60);
		assertThat(tiers(expired)).containsExactly("1h 2025-08-02T12:00:00Z 2025-08-02T14:00:00Z");
		// the whole hour: from 12:00 on
		assertThat(expired.get("candles").get(0).get("time").asString()).isEqualTo("2025-08-02T12:00:00Z");
		assertThat(expired.get("candles").get(0).get("open").asDouble()).isEqualTo(20.00);
		assertThat(expired.get("candles").get(0).get("low").asDouble()).isEqualTo(20.00);
		assertThat(expired.get("candles").get(0).get("close").asDouble()).isEqualTo(20.50);
		assertThat(expired.get("candles").get(1)).isEqualTo(held.get("candles").get(1));
	}

	@Test
	void theOpenBucketComesFromRawTicksAndIsClosedInTheCandlesOnceItEnds() {
		String history = "/api/v1/coins/avalanche-2/history?aggregation=last&interval=1h&from=2025-08-02T12:00:00Z&to=2025-08-02T14:00:00Z";
		this.clock.set(Instant.parse("2025-08-02T13:55:00Z"));
		JsonNode open = get(history).json();
		this.clock.set(Instant.parse("2025-08-02T14:00:00Z"));
		JsonNode closed = get(history).json();

		assertThat(tiers(open)).containsExactly("1h 2025-08-02T12:00:00Z 2025-08-02T13:00:00Z",
				"raw 2025-08-02T13:00:00Z 2025-08-02T14:00:00Z");
		assertThat(tiers(closed)).containsExactly("1h 2025-08-02T12:00:00Z 2025-08-02T14:00:00Z");
		assertThat(closed.get("points")).isEqualTo(open.get("points"));
		assertThat(closed.get("points").get(1).get("value").asDouble()).isEqualTo(21.10);
	}

	@ParameterizedTest
	@ValueSource(strings = { "candles?interval=5m", "candles?interval=15m", "candles?interval=1h",
			"candles?interval=4h", "candles?currency=eur&interval=1h", "candles?interval=1d", "candles?interval=1w",
			"history?aggregation=first&interval=1h", "history?aggregation=last&interval=15m",
			"history?aggregation=min&interval=4h", "history?aggregation=max&interval=1d",
			"history?field=price_eur&aggregation=first&interval=5m", "history?field=price_eur&aggregation=max&interval=1h",
			"history?field=market_cap&aggregation=last&interval=1h",
			"history?field=volume_24h&aggregation=last&interval=1d" })
	void candlesAndRawTicksGiveTheSameAnswerWhereBothHoldTheRange(String request) {
		// cut at both ends, whatever the interval: Sunday 7th to Monday 15th
		String path = "/api/v1/coins/tron/" + request + "&from=2025-09-07T13:17:00Z&to=2025-09-15T02:41:00Z";
		JsonNode auto = get(path).json();
		JsonNode raw = get(path + "&tier=raw").json();

		assertThat(tiers(raw)).containsExactly("raw 2025-09-07T13:17:00Z 2025-09-15T02:41:00Z");
		assertThat(tiers(auto)).anyMatch((tier) -> !tier.startsWith("raw"));
		String list = request.startsWith("candles") ? "candles" : "points";
		assertThat(auto.get(list).size()).isEqualTo(raw.get(list).size()).isGreaterThanOrEqualTo(2);
		for (int i = 0; i < raw.get(list).size(); i++) {
			JsonNode expected = raw.get(list).get(i);
			JsonNode actual = auto.get(list).get(i);
			assertThat(actual.get("time")).isEqualTo(expected.get("time"));
			for (String value : List.of("value", "open", "high", "low", "close", "volume_24h")) {
				if (expected.has(value)) {
					assertThat(actual.get(value).isNull()).as(value).isEqualTo(expected.get(value).isNull());
					if (!expected.get(value).isNull()) {
						assertThat(actual.get(value).asDouble()).as("%s at %s", value, expected.get("time"))
							.isCloseTo(expected.get(value).asDouble(), within(1e-9 * expected.get(value).asDouble()));
					}
				}
			}
		}
	}

	@Test
	void meansComeFromRawTicksOnly() {
		JsonNode history = get("/api/v1/coins/tron/history?interval=1h&from=2025-09-08T00:00:00Z&to=2025-09-09T00:00:00Z")
			.json();
		JsonNode compare = get("/api/v1/compare?coins=tron&interval=1h&from=2025-09-08T00:00:00Z&to=2025-09-09T00:00:00Z")
			.json();

		assertThat(tiers(history)).containsExactly("raw 2025-09-08T00:00:00Z 2025-09-09T00:00:00Z");
		assertThat(tiers(compare)).containsExactly("raw 2025-09-08T00:00:00Z 2025-09-09T00:00:00Z");
		assertThat(history.get("points").size()).isEqualTo(24);
	}

	private static List<String> tiers(JsonNode answer) {
		List<String> tiers = new ArrayList<>();
		answer.get("tiers")
			.forEach((tier) -> tiers.add(tier.get("tier").asString() + " " + tier.get("from").asString() + " "
					+ tier.get("to").asString()));
		return tiers;
	}

	/** The API's clock, which the tests move. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Now {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(NOW);
		}

	}

}
