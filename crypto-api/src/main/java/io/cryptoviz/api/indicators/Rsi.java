package io.cryptoviz.api.indicators;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.cryptoviz.api.series.CandleReader.Ohlc;
import org.jspecify.annotations.Nullable;

/** The RSI of a run of close prices, as the indicators endpoint computes it, for the alerts that watch it. */
public final class Rsi {

	private Rsi() {
	}

	/** How many closes before the last one its RSI needs to be valid. */
	public static int warmUp(int period) {
		return new IndicatorSpec.Rsi(period).warmUp();
	}

	/** The RSI at the last close, or {@code null} when too few closes come before it. */
	public static @Nullable Double last(List<Double> closes, int period) {
		if (closes.size() <= warmUp(period)) {
			return null;
		}
		List<Ohlc> candles = new ArrayList<>(closes.size());
		Instant time = Instant.EPOCH;
		for (double close : closes) {
			candles.add(new Ohlc(time, close, close, close, close));
			time = time.plusSeconds(60);
		}
		List<@Nullable Double> values = IndicatorMath
			.compute(List.of(new IndicatorSpec.Rsi(period)), candles, Duration.ofMinutes(1), closes.size() - 1)
			.get(0)
			.lines()
			.get("value");
		return values.get(0);
	}

}
