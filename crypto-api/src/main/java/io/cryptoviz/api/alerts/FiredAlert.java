package io.cryptoviz.api.alerts;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An alert that fired: the record of {@code crypto-alerts}, the live stream's {@code alert} event and the
 * webhook's body alike.
 *
 * @param alertId the rule and the tick's time: the same tick evaluated again gives the same
 * id, which receivers use to recognise a delivery they already had
 * @param observed what the condition saw: the price, the move in percent, or the RSI
 * @param price the tick's price in the rule's currency
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FiredAlert(@JsonProperty("alert_id") String alertId, @JsonProperty("rule_id") String ruleId,
		@JsonProperty("coin") String coin, @JsonProperty("condition") String condition,
		@JsonProperty("direction") @Nullable String direction, @JsonProperty("level") @Nullable Double level,
		@JsonProperty("percent") @Nullable Double percent, @JsonProperty("window") @Nullable String window,
		@JsonProperty("currency") String currency, @JsonProperty("observed") double observed,
		@JsonProperty("price") double price, @JsonProperty("message") String message,
		@JsonProperty("tick_time") Instant tickTime, @JsonProperty("fired_at") Instant firedAt) {

	static String idOf(AlertRule rule, Instant tickTime) {
		return rule.id() + "@" + tickTime.toEpochMilli();
	}

}
