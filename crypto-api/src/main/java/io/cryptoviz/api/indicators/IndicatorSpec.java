package io.cryptoviz.api.indicators;

import java.util.List;
import java.util.Locale;

import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.Num;

/**
 * One indicator with its parameters, as a client names it ({@code sma:20}, {@code macd:12:26:9},
 * {@code bb:20:2}): the lines it draws, how to compute them with ta4j from the close prices, and its
 * warm-up, the bars before a value is valid.
 *
 * <p>
 * Windowed indicators (SMA, Bollinger bands) are valid once their window is full. Recursive ones
 * (EMA, the averages of RSI, the EMAs of MACD) start from a seed, ta4j's first value, whose weight in
 * a later value shrinks by a constant factor per bar: they are valid once the seed weighs less than
 * {@value #SEED_WEIGHT} of the value, so the value is the one a series of any length before it would
 * give, to that precision.
 */
sealed interface IndicatorSpec {

	/** A recursive indicator's value is valid once its seed weighs less than this. */
	double SEED_WEIGHT = 0.001;

	/** The canonical name, with every parameter: {@code bb:20:2}. */
	String id();

	/** {@code sma}, {@code ema}, {@code rsi}, {@code macd}, {@code bb}. */
	String type();

	/** The names of the lines, in the order {@link #lines(Indicator)} computes them. */
	List<String> lineNames();

	/** The bars before the first valid value: the value at bar index {@code i} is valid from {@code i >= warmUp()}. */
	int warmUp();

	List<Indicator<Num>> lines(Indicator<Num> close);

	/** Bars until a seed's weight, shrinking by {@code decay} a bar, falls below {@link #SEED_WEIGHT}. */
	static int converged(double decay) {
		return (int) Math.ceil(Math.log(SEED_WEIGHT) / Math.log(decay));
	}

	/** Bars until an EMA of this period is valid. */
	static int emaWarmUp(int period) {
		return (period == 1) ? 0 : Math.max(period - 1, converged(1 - 2.0 / (period + 1)));
	}

	record Sma(int period) implements IndicatorSpec {

		@Override
		public String id() {
			return "sma:" + this.period;
		}

		@Override
		public String type() {
			return "sma";
		}

		@Override
		public List<String> lineNames() {
			return List.of("value");
		}

		@Override
		public int warmUp() {
			return this.period - 1;
		}

		@Override
		public List<Indicator<Num>> lines(Indicator<Num> close) {
			return List.of(new SMAIndicator(close, this.period));
		}

	}

	record Ema(int period) implements IndicatorSpec {

		@Override
		public String id() {
			return "ema:" + this.period;
		}

		@Override
		public String type() {
			return "ema";
		}

		@Override
		public List<String> lineNames() {
			return List.of("value");
		}

		@Override
		public int warmUp() {
			return emaWarmUp(this.period);
		}

		@Override
		public List<Indicator<Num>> lines(Indicator<Num> close) {
			return List.of(new EMAIndicator(close, this.period));
		}

	}

	/** Wilder's RSI: ta4j smooths gains and losses with his moving average, a decay of 1 - 1/period a bar. */
	record Rsi(int period) implements IndicatorSpec {

		@Override
		public String id() {
			return "rsi:" + this.period;
		}

		@Override
		public String type() {
			return "rsi";
		}

		@Override
		public List<String> lineNames() {
			return List.of("value");
		}

		@Override
		public int warmUp() {
			// the first bar has no change: its gain and loss are no data, only the seed
			return (this.period == 1) ? 1 : Math.max(this.period, converged(1 - 1.0 / this.period) + 1);
		}

		@Override
		public List<Indicator<Num>> lines(Indicator<Num> close) {
			return List.of(new RSIIndicator(close, this.period));
		}

	}

	/** MACD line (fast EMA minus slow EMA), its signal line (an EMA of it) and the histogram (their difference). */
	record Macd(int fast, int slow, int signal) implements IndicatorSpec {

		@Override
		public String id() {
			return "macd:" + this.fast + ":" + this.slow + ":" + this.signal;
		}

		@Override
		public String type() {
			return "macd";
		}

		@Override
		public List<String> lineNames() {
			return List.of("macd", "signal", "histogram");
		}

		@Override
		public int warmUp() {
			// the signal's own seed is the MACD line's first value, itself valid only after the slow EMA's warm-up
			return emaWarmUp(this.slow) + emaWarmUp(this.signal);
		}

		@Override
		public List<Indicator<Num>> lines(Indicator<Num> close) {
			MACDIndicator macd = new MACDIndicator(close, this.fast, this.slow);
			return List.of(macd, macd.getSignalLine(this.signal), macd.getHistogram(this.signal));
		}

	}

	/** Bollinger bands: the SMA, and the SMA plus and minus {@code width} population standard deviations. */
	record Bollinger(int period, double width) implements IndicatorSpec {

		@Override
		public String id() {
			return "bb:" + this.period + ":" + number(this.width);
		}

		@Override
		public String type() {
			return "bb";
		}

		@Override
		public List<String> lineNames() {
			return List.of("upper", "middle", "lower");
		}

		@Override
		public int warmUp() {
			return this.period - 1;
		}

		@Override
		public List<Indicator<Num>> lines(Indicator<Num> close) {
			BollingerBandsMiddleIndicator middle = new BollingerBandsMiddleIndicator(new SMAIndicator(close, this.period));
			StandardDeviationIndicator deviation = new StandardDeviationIndicator(close, this.period);
			Num width = close.numOf(this.width);
			return List.of(new BollingerBandsUpperIndicator(middle, deviation, width), middle,
					new BollingerBandsLowerIndicator(middle, deviation, width));
		}

		private static String number(double value) {
			return (value == Math.rint(value)) ? String.valueOf((long) value)
					: String.valueOf(value).toLowerCase(Locale.ROOT);
		}

	}

}
