package io.cryptoviz.api.indicators;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.cryptoviz.api.indicators.IndicatorAnswers.Lines;
import io.cryptoviz.api.series.CandleReader.Ohlc;
import org.junit.jupiter.api.Test;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.Num;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The indicators against published reference values: ta4j's own test series (its SMA, EMA, RSI and
 * Bollinger tests, values to four decimals), and the textbook definitions (an EMA seeded with the SMA
 * of its first period, Wilder's RSI seeded with the mean gain and loss of its first period) that the
 * warm-up must agree with.
 */
class IndicatorMathTests {

	private static final Duration HOUR = Duration.ofHours(1);

	private static final double TA4J_PRECISION = 0.0001;

	/** ta4j's SMAIndicatorTest and BollingerBands*IndicatorTest series. */
	private static final double[] STEPS = { 1, 2, 3, 4, 3, 4, 5, 4, 3, 3, 4, 3, 2 };

	/** ta4j's EMAIndicatorTest series. */
	private static final double[] EMA_SERIES = { 64.75, 63.79, 63.73, 63.73, 63.55, 63.19, 63.91, 63.85, 62.95, 63.37,
			61.33, 61.51 };

	/** ta4j's RSIIndicatorTest series. */
	private static final double[] RSI_SERIES = { 50.45, 50.30, 50.20, 50.15, 50.05, 50.06, 50.10, 50.08, 50.03, 50.07,
			50.01, 50.14, 50.22, 50.43, 50.50, 50.56, 50.52, 50.70, 50.55, 50.62, 50.90, 50.82, 50.86, 51.20, 51.30,
			51.10 };

	@Test
	void smaOfThreeIsTa4jsReferenceOnceItsWindowIsFullAndAbsentBefore() {
		Lines sma = compute(new IndicatorSpec.Sma(3), STEPS, 0).get(0);

		assertThat(sma.warmUp()).isEqualTo(2);
		assertValues(sma.lines().get("value"), null, null, 2.0, 3.0, 3.3333, 3.6667, 4.0, 4.3333, 4.0, 3.3333, 3.3333,
				3.3333, 3.0);
	}

	@Test
	void bollingerBandsOfThreeAndTwoAreTa4jsReferenceOnceTheWindowIsFull() {
		Lines bands = compute(new IndicatorSpec.Bollinger(3, 2), STEPS, 0).get(0);

		assertThat(bands.lines()).containsOnlyKeys("upper", "middle", "lower");
		assertValues(bands.lines().get("upper").subList(0, 10), null, null, 3.633, 4.633, 4.2761, 4.6094, 5.633, 5.2761,
				5.633, 4.2761);
		assertValues(bands.lines().get("middle").subList(0, 4), null, null, 2.0, 3.0);
		// the lower band mirrors the upper one around the SMA
		assertValues(bands.lines().get("lower").subList(0, 4), null, null, 2 - 1.633, 3 - 1.633);
	}

	@Test
	void widerBollingerBandsUseTheirWidth() {
		Lines bands = compute(new IndicatorSpec.Bollinger(3, 1.5), STEPS, 0).get(0);

		assertThat(bands.id()).isEqualTo("bb:3:1.5");
		assertValues(bands.lines().get("upper").subList(2, 6), 3.2247, 4.2247, 4.0404, 4.3737);
	}

	@Test
	void emaLineIsTa4jsReferenceSeries() {
		List<Indicator<Num>> lines = new IndicatorSpec.Ema(10).lines(close(EMA_SERIES));

		assertThat(lines.get(0).getValue(9).doubleValue()).isCloseTo(63.6948, within(TA4J_PRECISION));
		assertThat(lines.get(0).getValue(10).doubleValue()).isCloseTo(63.2648, within(TA4J_PRECISION));
		assertThat(lines.get(0).getValue(11).doubleValue()).isCloseTo(62.9457, within(TA4J_PRECISION));
	}

	@Test
	void rsiLineIsTa4jsReferenceSeries() {
		Indicator<Num> rsi = new IndicatorSpec.Rsi(14).lines(close(RSI_SERIES)).get(0);

		double[] expected = { 68.4746, 64.7836, 72.0776, 60.7800, 63.6439, 72.3433, 67.3822, 68.5438, 76.2770, 77.9908,
				67.4895 };
		for (int i = 0; i < expected.length; i++) {
			assertThat(rsi.getValue(15 + i).doubleValue()).as("RSI at %d", 15 + i)
				.isCloseTo(expected[i], within(TA4J_PRECISION));
		}
	}

	@Test
	void recursiveIndicatorsAreAbsentUntilTheirSeedWeighsLessThanAThousandth() {
		// 2/11 of each new close, so the first close weighs 0.818^i: below 0.001 from i = 35
		assertThat(new IndicatorSpec.Ema(10).warmUp()).isEqualTo(35);
		// 1/14 of each new change: 0.9286^i < 0.001 from i = 94 (one more: the first bar has no change)
		assertThat(new IndicatorSpec.Rsi(14).warmUp()).isEqualTo(95);
		// the slow EMA's warm-up, then the signal's over the MACD line
		assertThat(new IndicatorSpec.Macd(12, 26, 9).warmUp())
			.isEqualTo(new IndicatorSpec.Ema(26).warmUp() + new IndicatorSpec.Ema(9).warmUp());

		Lines ema = compute(new IndicatorSpec.Ema(10), wave(60), 0).get(0);
		assertThat(ema.lines().get("value").subList(0, 35)).containsOnlyNulls();
		assertThat(ema.lines().get("value").subList(35, 60)).doesNotContainNull();
	}

	@Test
	void afterItsWarmUpTheEmaIsTheTextbooksWhateverItWasSeededWith() {
		double[] closes = wave(300);
		int period = 20;
		List<Double> ema = compute(new IndicatorSpec.Ema(period), closes, 0).get(0).lines().get("value");

		// the textbook seeds with the SMA of the first period, ta4j with the first close
		double[] textbook = new double[closes.length];
		double alpha = 2.0 / (period + 1);
		textbook[period - 1] = Arrays.stream(closes, 0, period).average().orElseThrow();
		for (int i = period; i < closes.length; i++) {
			textbook[i] = textbook[i - 1] + alpha * (closes[i] - textbook[i - 1]);
		}
		int first = new IndicatorSpec.Ema(period).warmUp();
		double seedGap = Math.abs(closes[0] - textbook[period - 1]);
		for (int i = first; i < closes.length; i++) {
			assertThat(ema.get(i)).as("EMA at %d", i).isCloseTo(textbook[i], within(seedGap * 0.001));
		}
	}

	@Test
	void afterItsWarmUpTheRsiIsWildersTextbookRsi() {
		double[] closes = wave(400);
		int period = 14;
		List<Double> rsi = compute(new IndicatorSpec.Rsi(period), closes, 0).get(0).lines().get("value");

		// Wilder: the first averages are the means of the first period's gains and losses, then smoothed by 1/period
		double gain = 0;
		double loss = 0;
		for (int i = 1; i <= period; i++) {
			gain += Math.max(0, closes[i] - closes[i - 1]) / period;
			loss += Math.max(0, closes[i - 1] - closes[i]) / period;
		}
		double[] textbook = new double[closes.length];
		for (int i = period + 1; i < closes.length; i++) {
			gain = (gain * (period - 1) + Math.max(0, closes[i] - closes[i - 1])) / period;
			loss = (loss * (period - 1) + Math.max(0, closes[i - 1] - closes[i])) / period;
			textbook[i] = 100 - 100 / (1 + gain / loss);
		}
		int first = new IndicatorSpec.Rsi(period).warmUp();
		assertThat(rsi.subList(0, first)).containsOnlyNulls();
		for (int i = first; i < closes.length; i++) {
			assertThat(rsi.get(i)).as("RSI at %d", i).isCloseTo(textbook[i], within(0.1));
		}
	}

	@Test
	void macdIsTheFastEmaLessTheSlowItsSignalAnEmaOfItAndTheHistogramTheirDifference() {
		double[] closes = wave(300);
		Lines macd = compute(new IndicatorSpec.Macd(12, 26, 9), closes, 0).get(0);

		assertThat(macd.lines()).containsOnlyKeys("macd", "signal", "histogram");
		List<Double> fast = compute(new IndicatorSpec.Ema(12), closes, 0).get(0).lines().get("value");
		List<Double> slow = compute(new IndicatorSpec.Ema(26), closes, 0).get(0).lines().get("value");
		int first = macd.warmUp();
		assertThat(macd.lines().get("macd").subList(0, first)).containsOnlyNulls();
		for (int i = first; i < closes.length; i++) {
			double line = macd.lines().get("macd").get(i);
			assertThat(line).isCloseTo(fast.get(i) - slow.get(i), within(1e-9));
			assertThat(macd.lines().get("histogram").get(i))
				.isCloseTo(line - macd.lines().get("signal").get(i), within(1e-9));
		}
		double alpha = 2.0 / 10;
		for (int i = first + 1; i < closes.length; i++) {
			double previous = macd.lines().get("signal").get(i - 1);
			assertThat(macd.lines().get("signal").get(i))
				.isCloseTo(previous + alpha * (macd.lines().get("macd").get(i) - previous), within(1e-9));
		}
	}

	@Test
	void onlyTheCandlesFromTheFirstOfTheRangeAreAnswered() {
		Lines sma = compute(new IndicatorSpec.Sma(3), STEPS, 5).get(0);

		// the five candles before the range are the warm-up: the range's first value is already valid
		assertValues(sma.lines().get("value"), 3.6667, 4.0, 4.3333, 4.0, 3.3333, 3.3333, 3.3333, 3.0);
	}

	private static List<Lines> compute(IndicatorSpec spec, double[] closes, int first) {
		return IndicatorMath.compute(List.of(spec), candles(closes), HOUR, first);
	}

	private static Indicator<Num> close(double[] closes) {
		return new ClosePriceIndicator(IndicatorMath.series(candles(closes), HOUR));
	}

	static List<Ohlc> candles(double[] closes) {
		List<Ohlc> candles = new ArrayList<>();
		Instant time = Instant.parse("2025-01-01T00:00:00Z");
		for (double close : closes) {
			candles.add(new Ohlc(time, close, close, close, close));
			time = time.plus(HOUR);
		}
		return candles;
	}

	/** A price that rises and falls, never flat: every indicator has something to say about it. */
	static double[] wave(int count) {
		double[] closes = new double[count];
		for (int i = 0; i < count; i++) {
			closes[i] = 100 + 10 * Math.sin(i / 7.0) + 3 * Math.cos(i / 2.3) + i * 0.05;
		}
		return closes;
	}

	private static void assertValues(List<Double> actual, Double... expected) {
		assertThat(actual).hasSize(expected.length);
		for (int i = 0; i < expected.length; i++) {
			if (expected[i] == null) {
				assertThat(actual.get(i)).as("value %d", i).isNull();
			}
			else {
				assertThat(actual.get(i)).as("value %d", i).isCloseTo(expected[i], within(TA4J_PRECISION));
			}
		}
	}

}
