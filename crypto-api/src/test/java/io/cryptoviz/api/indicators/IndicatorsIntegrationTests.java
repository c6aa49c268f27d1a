package io.cryptoviz.api.indicators;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.cryptoviz.api.ApiIntegrationTests;
import io.cryptoviz.tick.PriceTick;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The indicators from ticks stored in a real InfluxDB: the warm-up is read from before the range, further
 * back over a gap in the data, and what cannot be computed is null. Ripple and stellar in May 2024, one
 * tick in the middle of each hour.
 */
class IndicatorsIntegrationTests extends ApiIntegrationTests {

	private static final Instant START = Instant.parse("2024-05-01T00:00:00Z");

	private static final double[] CLOSES = IndicatorMathTests.wave(240);

	@BeforeAll
	static void seed() {
		// ripple: 240 hours without a gap
		store(hours("ripple", IntStream.range(0, 240)));
		// stellar: hours 0 to 99, nothing for 100 hours, then 200 to 239
		store(hours("stellar", IntStream.concat(IntStream.range(0, 100), IntStream.range(200, 240))));
	}

	@Test
	void theFirstValueInTheRangeIsAlreadyValidFromCandlesReadBeforeIt() {
		JsonNode answer = get("/api/v1/coins/ripple/indicators?indicators=sma:20,rsi:14,macd,bb&interval=1h&from="
				+ hour(150) + "&to=" + hour(170)).json();

		assertThat(answer.get("coin").asString()).isEqualTo("ripple");
		assertThat(answer.get("interval").asString()).isEqualTo("1h");
		assertThat(answer.get("times")).hasSize(20);
		assertThat(answer.get("times").get(0).asString()).isEqualTo(hour(150));
		assertThat(answer.get("close").get(0).asDouble()).isEqualTo(CLOSES[150]);
		JsonNode sma = answer.get("indicators").get(0);
		assertThat(sma.get("id").asString()).isEqualTo("sma:20");
		// the mean of hour 150 and the 19 before it, which lie before the range
		assertThat(sma.get("lines").get("value").get(0).asDouble()).isCloseTo(mean(131, 151), within(1e-9));
		assertThat(sma.get("lines").get("value").get(19).asDouble()).isCloseTo(mean(150, 170), within(1e-9));
		// RSI needs 95 candles before it, MACD 103: all there, so every value of the range is given
		for (JsonNode indicator : answer.get("indicators")) {
			indicator.get("lines").properties().forEach((line) -> assertThat(line.getValue())
				.as(indicator.get("id").asString() + " " + line.getKey())
				.hasSize(20)
				.allSatisfy((value) -> assertThat(value.isNumber()).isTrue()));
		}
		assertThat(answer.get("indicators").get(2).get("id").asString()).isEqualTo("macd:12:26:9");
		assertThat(answer.get("indicators").get(3).get("id").asString()).isEqualTo("bb:20:2");
	}

	@Test
	void theWarmUpIsReadFurtherBackWhereTheDataHasAGap() {
		JsonNode answer = get("/api/v1/coins/stellar/indicators?indicators=sma:20&interval=1h&from=" + hour(210) + "&to="
				+ hour(215)).json();

		List<Double> values = numbers(answer.get("indicators").get(0).get("lines").get("value"));
		// 19 candles before hour 210: 200 to 209, and 91 to 99 across the 100 hours without ticks
		double expected = (sum(91, 100) + sum(200, 211)) / 20;
		assertThat(values.get(0)).isCloseTo(expected, within(1e-9));
	}

	@Test
	void valuesWithTooFewCandlesBeforeThemAreNullNeverZero() {
		JsonNode answer = get("/api/v1/coins/ripple/indicators?indicators=sma:20,rsi:14&interval=1h&from=2024-04-20&to="
				+ hour(30)).json();

		// nothing before hour 0: the range's first candle is hour 0
		assertThat(answer.get("times").get(0).asString()).isEqualTo(hour(0));
		JsonNode sma = answer.get("indicators").get(0).get("lines").get("value");
		assertThat(sma).hasSize(30);
		for (int i = 0; i < 19; i++) {
			assertThat(sma.get(i).isNull()).as("sma %d", i).isTrue();
		}
		assertThat(sma.get(19).asDouble()).isCloseTo(mean(0, 20), within(1e-9));
		answer.get("indicators").get(1).get("lines").get("value").forEach((value) -> assertThat(value.isNull()).isTrue());
	}

	@Test
	void aRangeWithoutCandlesIsAnEmptyAnswer() {
		Answer answer = get("/api/v1/coins/ripple/indicators?indicators=ema&interval=1d&from=2001-01-01&to=2001-02-01");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("times")).isEmpty();
		assertThat(answer.json().get("indicators").get(0).get("lines").get("value")).isEmpty();
	}

	private static PriceTick[] hours(String coin, IntStream hours) {
		return hours
			.mapToObj((hour) -> new PriceTick(coin, CLOSES[hour], null, null, null, null,
					START.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(30)), io.cryptoviz.tick.TickSource.COINGECKO))
			.toArray(PriceTick[]::new);
	}

	private static String hour(int hour) {
		return START.plus(Duration.ofHours(hour)).toString();
	}

	private static double sum(int from, int to) {
		double sum = 0;
		for (int i = from; i < to; i++) {
			sum += CLOSES[i];
		}
		return sum;
	}

	private static double mean(int from, int to) {
		return sum(from, to) / (to - from);
	}

	private static List<Double> numbers(JsonNode array) {
		List<Double> numbers = new ArrayList<>();
		array.forEach((value) -> numbers.add(value.isNull() ? null : value.asDouble()));
		return numbers;
	}

}
