package io.cryptoviz.api.indicators;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cryptoviz.api.indicators.IndicatorAnswers.Lines;
import io.cryptoviz.api.series.CandleReader.Ohlc;
import org.jspecify.annotations.Nullable;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

/**
 * Computes indicators with ta4j over a run of candles and keeps the values of the last ones: a value
 * is given only where the indicator's warm-up is behind it, otherwise {@code null}, never 0.
 */
final class IndicatorMath {

	private IndicatorMath() {
	}

	/**
	 * @param candles the candles, oldest first: those of the range, after those read for the warm-up
	 * @param first index of the range's first candle
	 */
	static List<Lines> compute(List<IndicatorSpec> specs, List<Ohlc> candles, Duration interval, int first) {
		BarSeries series = series(candles, interval);
		Indicator<Num> close = new ClosePriceIndicator(series);
		List<Lines> answer = new ArrayList<>(specs.size());
		for (IndicatorSpec spec : specs) {
			Map<String, List<@Nullable Double>> lines = new LinkedHashMap<>();
			List<Indicator<Num>> indicators = spec.lines(close);
			for (int line = 0; line < indicators.size(); line++) {
				lines.put(spec.lineNames().get(line), values(indicators.get(line), spec.warmUp(), first, candles.size()));
			}
			answer.add(new Lines(spec.id(), spec.type(), spec.warmUp(), lines));
		}
		return answer;
	}

	private static List<@Nullable Double> values(Indicator<Num> indicator, int warmUp, int first, int count) {
		@Nullable Double[] values = new Double[count - first];
		for (int index = Math.max(first, warmUp); index < count; index++) {
			double value = indicator.getValue(index).doubleValue();
			values[index - first] = Double.isFinite(value) ? value : null;
		}
		return Arrays.asList(values);
	}

	static BarSeries series(List<Ohlc> candles, Duration interval) {
		BarSeries series = new BaseBarSeriesBuilder().withNumTypeOf(DoubleNum.class).build();
		for (Ohlc candle : candles) {
			// ta4j's bars are known by their end
			series.addBar(interval, candle.time().plus(interval).atZone(ZoneOffset.UTC), DoubleNum.valueOf(candle.open()),
					DoubleNum.valueOf(candle.high()), DoubleNum.valueOf(candle.low()), DoubleNum.valueOf(candle.close()),
					DoubleNum.valueOf(0));
		}
		return series;
	}

}
