package io.cryptoviz.api.indicators;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.cryptoviz.api.indicators.IndicatorAnswers.Indicators;
import io.cryptoviz.api.series.CandleReader;
import io.cryptoviz.api.series.CandleReader.Ohlc;

import org.springframework.stereotype.Component;

/**
 * Reads the candles of a range and, before it, as many candles as the indicators' warm-up needs, then
 * computes the indicators. Buckets without ticks are no candles, so the warm-up reads further back
 * where the data has gaps: four times as far each round, a few rounds at most, until enough candles
 * are found or there are none older.
 */
@Component
class IndicatorService {

	/** Rounds of reading further back for warm-up candles, past the first read. */
	static final int MAX_EXTRA_ROUNDS = 3;

	private final CandleReader candles;

	IndicatorService(CandleReader candles) {
		this.candles = candles;
	}

	Indicators compute(List<IndicatorSpec> specs, CandleReader.Request request) {
		int warmUp = specs.stream().mapToInt(IndicatorSpec::warmUp).max().orElse(0);
		Duration length = request.intervalLength();
		Instant first = request.bucketStart(request.from());
		Instant start = request.bucketStart(first.minus(length.multipliedBy(warmUp)));
		List<Ohlc> read = new ArrayList<>(this.candles.read(request, start, request.to()));
		long span = Math.max(1, warmUp);
		for (int round = 0; round < MAX_EXTRA_ROUNDS && before(read, first) < warmUp
				&& start.isAfter(CandleReader.earliest()); round++) {
			span *= 4;
			Instant older = request.bucketStart(start.minus(length.multipliedBy(span)));
			read.addAll(0, this.candles.read(request, older, start));
			start = older;
		}
		int warmUpRead = before(read, first);
		// exactly the warm-up before the range, however far the reading went: the answer does not depend on it
		List<Ohlc> used = read.subList(Math.max(0, warmUpRead - warmUp), read.size());
		int firstInRange = Math.min(warmUpRead, warmUp);
		List<Ohlc> inRange = used.subList(firstInRange, used.size());
		return new Indicators(request.coin(), request.currency(), request.interval(), request.from(), request.to(),
				inRange.stream().map(Ohlc::time).toList(), inRange.stream().map(Ohlc::close).toList(),
				IndicatorMath.compute(specs, used, length, firstInRange));
	}

	private static int before(List<Ohlc> candles, Instant time) {
		int count = 0;
		for (Ohlc candle : candles) {
			if (candle.time().isBefore(time)) {
				count++;
			}
		}
		return count;
	}

}
