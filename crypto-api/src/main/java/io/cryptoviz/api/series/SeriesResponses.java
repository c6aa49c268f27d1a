package io.cryptoviz.api.series;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** The JSON answers of the series endpoints. */
final class SeriesResponses {

	private static final String TIERS = "where each part of the range was read, oldest first: the raw ticks, or candles";

	private SeriesResponses() {
	}

	/**
	 * One bucket of a history.
	 *
	 * @param time start of the bucket
	 * @param value the aggregated value of the bucket's ticks
	 */
	record Point(@JsonProperty("time") @Schema(description = "start of the bucket") Instant time,
			@JsonProperty("value") double value) {
	}

	/**
	 * Where a part of the answer was read.
	 *
	 * @param tier {@code raw} (the ticks) or the interval of the candles read ({@code 5m}, {@code 1h}, {@code 1d})
	 * @param from start of the part, inclusive
	 * @param to end of the part, exclusive
	 */
	record Tier(
			@JsonProperty("tier") @Schema(description = "raw: the ticks; 5m, 1h, 1d: the candles of that interval") String tier,
			@JsonProperty("from") Instant from, @JsonProperty("to") Instant to) {

		static List<Tier> of(TierPlan plan) {
			return plan.spans().stream().map((span) -> new Tier(span.tier(), span.from(), span.to())).toList();
		}

	}

	record History(@JsonProperty("coin") String coin, @JsonProperty("field") String field,
			@JsonProperty("aggregation") String aggregation, @JsonProperty("interval") String interval,
			@JsonProperty("from") Instant from, @JsonProperty("to") Instant to,
			@JsonProperty("tiers") @Schema(description = TIERS) List<Tier> tiers,
			@JsonProperty("points") @Schema(description = "buckets that have ticks, oldest first; empty buckets are left out") List<Point> points) {
	}

	/**
	 * One OHLC candle.
	 *
	 * @param time start of the bucket
	 * @param open price of the bucket's first tick
	 * @param high highest price
	 * @param low lowest price
	 * @param close price of the bucket's last tick
	 * @param volume24h 24 h volume in USD at the bucket's last tick that had one
	 */
	record Candle(@JsonProperty("time") @Schema(description = "start of the bucket") Instant time,
			@JsonProperty("open") double open, @JsonProperty("high") double high, @JsonProperty("low") double low,
			@JsonProperty("close") double close,
			@JsonProperty("volume_24h") @Schema(description = "24 h trading volume in USD (whatever the currency) at the bucket's last tick that had one; null when none had") @Nullable Double volume24h) {
	}

	record Candles(@JsonProperty("coin") String coin, @JsonProperty("currency") String currency,
			@JsonProperty("interval") String interval, @JsonProperty("from") Instant from,
			@JsonProperty("to") Instant to, @JsonProperty("tiers") @Schema(description = TIERS) List<Tier> tiers,
			@JsonProperty("candles") @Schema(description = "buckets that have ticks, oldest first") List<Candle> candles) {
	}

	/**
	 * One bucket of a compared coin.
	 *
	 * @param time start of the bucket
	 * @param value mean price in the bucket
	 * @param changePct change of {@code value} from the coin's first bucket in the range, in
	 * percent
	 */
	record ComparedPoint(@JsonProperty("time") Instant time, @JsonProperty("value") double value,
			@JsonProperty("change_pct") @Schema(description = "change from the coin's first bucket in the range, in percent") double changePct) {
	}

	record ComparedCoin(@JsonProperty("coin") String coin,
			@JsonProperty("points") @Schema(description = "oldest first; empty when the coin has no tick in the range") List<ComparedPoint> points) {
	}

	record Comparison(@JsonProperty("currency") String currency, @JsonProperty("interval") String interval,
			@JsonProperty("from") Instant from, @JsonProperty("to") Instant to,
			@JsonProperty("tiers") @Schema(description = TIERS) List<Tier> tiers,
			@JsonProperty("series") List<ComparedCoin> series) {
	}

	/**
	 * One coin's sparkline.
	 *
	 * @param coin the coin id
	 * @param values the mean price of each bucket from the answer's {@code from}, one per
	 * {@code interval}, {@code null} for a bucket without ticks; empty when the coin has no tick in
	 * the range
	 */
	record Sparkline(@JsonProperty("coin") String coin,
			@JsonProperty("values") @Schema(description = "mean price per bucket, oldest first, rounded to 6 significant digits; null for a bucket without ticks; empty when the coin has none in the range") List<@Nullable Double> values) {
	}

	record Sparklines(@JsonProperty("currency") String currency, @JsonProperty("interval") String interval,
			@JsonProperty("from") @Schema(description = "start of the first bucket") Instant from,
			@JsonProperty("to") Instant to, @JsonProperty("sparklines") List<Sparkline> sparklines) {
	}

}
