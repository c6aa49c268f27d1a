package io.cryptoviz.api.alerts;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * An alert rule, as the API shows it and the rules topic keeps it. Which fields a rule has follows from
 * its condition: {@code price_above}/{@code price_below} a {@code level} in a {@code currency};
 * {@code move} of at least {@code percent} over a {@code window} in a {@code direction};
 * {@code rsi_cross} of a {@code level} in a {@code direction}, the RSI of {@code period} candles of
 * {@code interval}.
 *
 * @param origin {@code api} or {@code configuration}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertRule(@JsonProperty("id") @Schema(example = "btc-100k") String id,
		@JsonProperty("coin") @Schema(example = "bitcoin") String coin,
		@JsonProperty("condition") @Schema(description = "price_above, price_below, move or rsi_cross") String condition,
		@JsonProperty("level") @Schema(description = "price_above, price_below: the price; rsi_cross: the RSI") @Nullable Double level,
		@JsonProperty("currency") @Schema(description = "usd or eur") String currency,
		@JsonProperty("percent") @Schema(description = "move: the least move, in percent") @Nullable Double percent,
		@JsonProperty("window") @Schema(description = "move: the window, 1m to 7d (30m, 1h, PT4H)") @Nullable String window,
		@JsonProperty("direction") @Schema(description = "move: up, down or any; rsi_cross: up or down") @Nullable String direction,
		@JsonProperty("period") @Schema(description = "rsi_cross: RSI period") @Nullable Integer period,
		@JsonProperty("interval") @Schema(description = "rsi_cross: candle interval") @Nullable String interval,
		@JsonProperty("rearm") @Schema(description = "hysteresis (default) or once") String rearm,
		@JsonProperty("margin_pct") @Schema(description = "hysteresis: how far back past the level, in percent of it, before the rule fires again") double marginPct,
		@JsonProperty("webhook") @Schema(description = "http(s) URL the alerts are POSTed to") @Nullable String webhook,
		@JsonProperty("created_at") Instant createdAt,
		@JsonProperty("origin") String origin) {

	static final String API = "api";

	static final String CONFIGURATION = "configuration";

	@JsonIgnore
	Condition kind() {
		return Condition.of(this.condition);
	}

	@JsonIgnore
	Duration windowLength() {
		return RuleParser.duration(this.window);
	}

	@JsonIgnore
	boolean hysteresis() {
		return "hysteresis".equals(this.rearm);
	}

	/** The conditions a rule can watch. */
	enum Condition {

		PRICE_ABOVE("price_above"), PRICE_BELOW("price_below"), MOVE("move"), RSI_CROSS("rsi_cross");

		private final String id;

		Condition(String id) {
			this.id = id;
		}

		String id() {
			return this.id;
		}

		static Condition of(String id) {
			for (Condition condition : values()) {
				if (condition.id.equals(id)) {
					return condition;
				}
			}
			throw new IllegalArgumentException("Unknown condition " + id);
		}

	}

}
