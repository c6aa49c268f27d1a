package io.cryptoviz.api.latest;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.cryptoviz.api.ApiProperties;
import io.cryptoviz.influx.InfluxGateway;
import io.cryptoviz.influx.Row;
import io.cryptoviz.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class LatestPricesTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2025-10-31T12:00:00Z"));

	private final InfluxGateway influx = mock(InfluxGateway.class);

	private final LatestPrices latest = new LatestPrices(this.influx, properties(Duration.ofSeconds(2)), this.clock);

	@Test
	void asksInfluxDbForTheNewestPointOfEveryCoinItHolds() {
		given(this.influx.query(anyString())).willReturn(List.of());

		this.latest.all();

		verify(this.influx).query("SELECT * FROM crypto_price GROUP BY crypto ORDER BY time DESC LIMIT 1");
	}

	@Test
	void listsEveryCoinInfluxDbHoldsByIdKeepingMissingFiguresNull() {
		given(this.influx.query(anyString())).willReturn(List.of(row("cardano", 0.65, null, "2025-10-31T11:59:00Z"),
				row("bitcoin", 109000.0, 98000.0, "2025-10-31T11:59:30Z"), row("sim-coin-250", 1.0, null, "2025-10-31T11:59:30Z")));

		List<LatestPrice> all = this.latest.all();

		assertThat(all).extracting(LatestPrice::crypto).containsExactly("bitcoin", "cardano", "sim-coin-250");
		assertThat(this.latest.coins()).containsExactly("bitcoin", "cardano", "sim-coin-250");
		assertThat(all.get(1).priceEur()).isNull();
		assertThat(all.get(1).change24h()).isNull();
		assertThat(all.get(1).timestamp()).isEqualTo("2025-10-31T11:59:00Z");
		assertThat(this.latest.of("ethereum")).isEmpty();
	}

	@Test
	void readsInfluxDbOncePerPeriodWhateverTheNumberOfRequests() {
		given(this.influx.query(anyString())).willReturn(List.of(row("bitcoin", 1.0, null, "2025-10-31T11:59:30Z")));

		this.latest.all();
		this.latest.of("bitcoin");
		this.clock.advance(Duration.ofMillis(1999));
		this.latest.all();
		verify(this.influx, times(1)).query(anyString());

		this.clock.advance(Duration.ofMillis(1));
		this.latest.all();
		verify(this.influx, times(2)).query(anyString());
	}

	@Test
	void answersWithThePreviousReadWhileAnotherRequestReadsTheNext() throws Exception {
		CountDownLatch reading = new CountDownLatch(1);
		CountDownLatch answer = new CountDownLatch(1);
		given(this.influx.query(anyString())).willReturn(List.of(row("bitcoin", 1.0, null, "2025-10-31T11:59:00Z")))
			.willAnswer((invocation) -> {
				reading.countDown();
				answer.await();
				return List.of(row("bitcoin", 2.0, null, "2025-10-31T11:59:30Z"));
			});
		this.latest.all();
		this.clock.advance(Duration.ofSeconds(2));
		ExecutorService refresher = Executors.newSingleThreadExecutor();
		try {
			Future<List<LatestPrice>> refreshed = refresher.submit(this.latest::all);
			reading.await();

			assertThat(this.latest.all()).singleElement().extracting(LatestPrice::priceUsd).isEqualTo(1.0);
			assertThat(this.latest.holds("bitcoin")).isTrue();

			answer.countDown();
			assertThat(refreshed.get()).singleElement().extracting(LatestPrice::priceUsd).isEqualTo(2.0);
			assertThat(this.latest.all()).singleElement().extracting(LatestPrice::priceUsd).isEqualTo(2.0);
			verify(this.influx, times(2)).query(anyString());
		}
		finally {
			answer.countDown();
			refresher.shutdownNow();
		}
	}

	@Test
	void eachPeriodReadsTheLastHoursTicksIntoWhatItKnowsAndEveryCoinOnceAMinute() {
		given(this.influx.query(anyString()))
			.willReturn(List.of(row("bitcoin", 1.0, null, "2025-10-31T11:59:00Z"), row("tether", 1.0, null, "2025-10-01T00:00:00Z")))
			.willReturn(List.of(row("bitcoin", 2.0, null, "2025-10-31T12:00:30Z")))
			.willReturn(List.of(row("bitcoin", 3.0, null, "2025-10-31T12:01:00Z")));
		this.latest.all();

		this.clock.advance(Duration.ofSeconds(2));
		assertThat(this.latest.all()).extracting(LatestPrice::crypto, LatestPrice::priceUsd)
			.containsExactly(tuple("bitcoin", 2.0), tuple("tether", 1.0));
		verify(this.influx).query("SELECT * FROM crypto_price WHERE time >= "
				+ Instant.parse("2025-10-31T11:00:02Z").toEpochMilli() + "ms GROUP BY crypto ORDER BY time DESC LIMIT 1");

		this.clock.advance(Duration.ofSeconds(58));
		assertThat(this.latest.all()).extracting(LatestPrice::crypto).containsExactly("bitcoin");
		verify(this.influx, times(2)).query("SELECT * FROM crypto_price GROUP BY crypto ORDER BY time DESC LIMIT 1");
	}

	@Test
	void readsOnEveryRequestWithoutACache() {
		LatestPrices uncached = new LatestPrices(this.influx, properties(Duration.ZERO), this.clock);
		given(this.influx.query(anyString())).willReturn(List.of());

		uncached.all();
		uncached.all();

		verify(this.influx, times(2)).query(anyString());
	}

	@Test
	void servesATickFromTheStreamAsSoonAsItIsNewerThanWhatInfluxDbHolds() {
		given(this.influx.query(anyString())).willReturn(List.of(row("bitcoin", 109000.0, 98000.0, "2025-10-31T11:59:30Z")));
		this.latest.all();

		this.latest.accept(live("bitcoin", 109100.0, "2025-10-31T11:59:40Z"));

		assertThat(this.latest.of("bitcoin")).get().extracting(LatestPrice::priceUsd).isEqualTo(109100.0);
		assertThat(this.latest.all()).singleElement().extracting(LatestPrice::timestamp)
			.isEqualTo(Instant.parse("2025-10-31T11:59:40Z"));
		verify(this.influx, times(1)).query(anyString());
	}

	@Test
	void neverGoesBackwardsForALateOrReplayedTick() {
		given(this.influx.query(anyString())).willReturn(List.of(row("bitcoin", 109000.0, 98000.0, "2025-10-31T11:59:30Z")));
		this.latest.accept(live("bitcoin", 109200.0, "2025-10-31T11:59:50Z"));

		this.latest.accept(live("bitcoin", 90000.0, "2025-10-31T10:00:00Z"));

		assertThat(this.latest.of("bitcoin")).get().extracting(LatestPrice::priceUsd).isEqualTo(109200.0);
	}

	@Test
	void aTagThatIsNoCoinIdIsNoCoin() {
		given(this.influx.query(anyString())).willReturn(List.of(row("bitcoin", 1.0, null, "2025-10-31T11:59:30Z"),
				row("x' OR 1=1", 1.0, null, "2025-10-31T11:59:30Z"), row("Bitcoin", 1.0, null, "2025-10-31T11:59:30Z")));

		assertThat(this.latest.coins()).containsExactly("bitcoin");
		assertThat(this.latest.holds("x' OR 1=1")).isFalse();
		assertThat(this.latest.all()).extracting(LatestPrice::crypto).containsExactly("bitcoin");
	}

	@Test
	void aCoinFirstSeenOnTheStreamIsKnownAtOnceWithoutAskingInfluxDb() {
		this.latest.accept(live("sim-coin-251", 1.02, "2025-10-31T11:59:50Z"));

		assertThat(this.latest.holds("sim-coin-251")).isTrue();
		verify(this.influx, never()).query(anyString());

		given(this.influx.query(anyString())).willReturn(List.of(row("bitcoin", 1.0, null, "2025-10-31T11:59:30Z")));
		assertThat(this.latest.coins()).containsExactly("bitcoin", "sim-coin-251");
		assertThat(this.latest.all()).extracting(LatestPrice::crypto).containsExactly("bitcoin", "sim-coin-251");
	}

	@Test
	void aCoinTheProducerNoLongerTracksStaysKnownWhileInfluxDbHoldsItsTicks() {
		given(this.influx.query(anyString())).willReturn(List.of(row("tether", 1.0, null, "2025-10-01T00:00:00Z")));

		assertThat(this.latest.holds("tether")).isTrue();
		assertThat(this.latest.holds("dogecoin")).isFalse();
	}

	private static LatestPrice live(String coin, double usd, String time) {
		return new LatestPrice(coin, usd, null, null, null, null, Instant.parse(time), "coingecko");
	}

	private static Row row(String coin, Double usd, Double eur, String time) {
		Map<String, String> values = new HashMap<>();
		values.put("time", String.valueOf(Instant.parse(time).toEpochMilli()));
		values.put("price_usd", String.valueOf(usd));
		values.put("price_eur", (eur != null) ? String.valueOf(eur) : "");
		values.put("change_24h", null);
		values.put("source", "coingecko");
		return new Row(Map.of("crypto", coin), values);
	}

	static ApiProperties properties(Duration cacheTtl) {
		return new ApiProperties(new ApiProperties.Query(5000, 400), new ApiProperties.Latest(cacheTtl),
				new ApiProperties.Stream(10, Duration.ofMinutes(1), Duration.ofSeconds(15), 16, "crypto-api"),
				new ApiProperties.Cors(List.of()));
	}

}
