package io.cryptoviz.api.indicators;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** The JSON answer of the indicators endpoint. */
final class IndicatorAnswers {

	private IndicatorAnswers() {
	}

	/**
	 * The candles of the range, values only, on one time grid, and each indicator's lines on it.
	 *
	 * @param times start of each candle's bucket, oldest first: the buckets of the range that have ticks
	 * @param close each candle's close price
	 */
	record Indicators(@JsonProperty("coin") String coin, @JsonProperty("currency") String currency,
			@JsonProperty("interval") String interval, @JsonProperty("from") Instant from,
			@JsonProperty("to") Instant to,
			@JsonProperty("times") @Schema(description = "start of each candle's bucket, oldest first; buckets without ticks are left out") List<Instant> times,
			@JsonProperty("close") @Schema(description = "close price of each candle") List<Double> close,
			@JsonProperty("indicators") List<Lines> indicators) {
	}

	/**
	 * One indicator's lines.
	 *
	 * @param id the indicator with every parameter, {@code bb:20:2}
	 * @param warmUp candles before a value is valid, which are read before the range
	 * @param lines each line's values, one per time; {@code null} where it cannot be computed
	 */
	record Lines(@JsonProperty("id") @Schema(example = "macd:12:26:9") String id,
			@JsonProperty("type") @Schema(description = "sma, ema, rsi, macd or bb") String type,
			@JsonProperty("warm_up") @Schema(description = "candles needed before the first valid value") int warmUp,
			@JsonProperty("lines") @Schema(description = "by line name (value; macd, signal, histogram; upper, middle, lower): one value per time, null where too few candles came before it") Map<String, List<@Nullable Double>> lines) {
	}

}
