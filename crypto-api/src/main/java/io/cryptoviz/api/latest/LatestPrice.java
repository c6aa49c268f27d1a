package io.cryptoviz.api.latest;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.cryptoviz.tick.PriceTick;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A coin's tick as the API shows it, in the REST answers and on the live stream alike: the
 * tick's own field names, and {@code null} for what the tick did not have (a backfilled point
 * has no 24 h change, some sources no EUR price), never 0.
 *
 * @param crypto the coin id
 * @param priceUsd price in USD
 * @param priceEur price in EUR
 * @param change24h 24 h change of the USD price, in percent
 * @param marketCap market capitalisation in USD
 * @param volume24h 24 h trading volume in USD
 * @param timestamp event time of the tick
 * @param source where the tick came from: coingecko, simulated or backfill
 */
@JsonPropertyOrder({ "crypto", "price_usd", "price_eur", "change_24h", "market_cap", "volume_24h", "timestamp",
		"source" })
public record LatestPrice(@JsonProperty("crypto") @Schema(example = "bitcoin") String crypto,
		@JsonProperty("price_usd") @Schema(description = "price in USD", example = "109724.51") @Nullable Double priceUsd,
		@JsonProperty("price_eur") @Schema(description = "price in EUR; null when the tick had none") @Nullable Double priceEur,
		@JsonProperty("change_24h") @Schema(description = "24 h change of the USD price in percent; null when the tick had none") @Nullable Double change24h,
		@JsonProperty("market_cap") @Schema(description = "market capitalisation in USD; null when the tick had none") @Nullable Double marketCap,
		@JsonProperty("volume_24h") @Schema(description = "24 h trading volume in USD; null when the tick had none") @Nullable Double volume24h,
		@JsonProperty("timestamp") @Schema(description = "event time of the tick (UTC)") Instant timestamp,
		@JsonProperty("source") @Schema(description = "coingecko, simulated or backfill") @Nullable String source) {

	public static LatestPrice of(PriceTick tick) {
		return new LatestPrice(tick.crypto(), tick.priceUsd(), tick.priceEur(), tick.change24h(), tick.marketCap(),
				tick.volume24h(), tick.timestamp(), tick.source().id());
	}

}
