package io.cryptoviz.api.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.cryptoviz.api.indicators.Rsi;
import io.cryptoviz.api.series.CandleReader;
import io.cryptoviz.api.series.CandleReader.Ohlc;
import org.jspecify.annotations.Nullable;

/**
 * The RSI a rule watches, as of a tick: the close prices of the candles before the tick's one, read once per
 * candle from InfluxDB through the candles' own query, and the tick's price as the close of its candle, which
 * is still open. The warm-up is read as the indicators endpoint reads it.
 */
final class CandleRsi implements AlertEvaluator.RsiSource {

	private final CandleReader candles;

	private final Map<String, Closes> closed = new ConcurrentHashMap<>();

	CandleRsi(CandleReader candles) {
		this.candles = candles;
	}

	@Override
	public @Nullable Double rsi(AlertRule rule, Instant time, double price) {
		int period = rule.period();
		int needed = Rsi.warmUp(period);
		String key = rule.coin() + "|" + rule.currency() + "|" + rule.interval() + "|" + period;
		CandleReader.Request probe = this.candles.request(rule.coin(), rule.currency(),
				time.minusSeconds(1).toString(), time.toString(), rule.interval());
		Instant bucket = probe.bucketStart(time);
		Closes known = this.closed.get(key);
		if (known == null || !known.bucket().equals(bucket)) {
			// twice the warm-up in time, so that a few hours without ticks still leave enough candles
			Instant from = bucket.minus(probe.intervalLength().multipliedBy(2L * needed));
			List<Double> closes = new ArrayList<>();
			for (Ohlc candle : this.candles.read(probe, from, bucket)) {
				closes.add(candle.close());
			}
			known = new Closes(bucket, List.copyOf(closes));
			this.closed.put(key, known);
		}
		List<Double> series = new ArrayList<>(known.closes());
		series.add(price);
		return Rsi.last(series, period);
	}

	private record Closes(Instant bucket, List<Double> closes) {
	}

}
