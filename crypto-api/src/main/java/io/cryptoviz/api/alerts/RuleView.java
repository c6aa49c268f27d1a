package io.cryptoviz.api.alerts;

import java.net.URI;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A rule as the API shows it, to anyone: its fields, whether it is armed, and its webhook's origin only,
 * since a webhook's path often is its secret (chat services' incoming webhooks are).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RuleView(@JsonIgnore AlertRule rule,
		@JsonProperty("armed") @Schema(description = "whether the rule fires when its condition holds") boolean armed,
		@JsonProperty("state_changed_at") @Schema(description = "when it last fired or was armed") @Nullable Instant stateChangedAt,
		@JsonProperty("webhook") @Schema(description = "the webhook's scheme, host and port; the rest is not shown") @Nullable String webhook) {

	@JsonProperty("id")
	String id() {
		return this.rule.id();
	}

	@JsonProperty("coin")
	String coin() {
		return this.rule.coin();
	}

	@JsonProperty("condition")
	String condition() {
		return this.rule.condition();
	}

	@JsonProperty("level")
	@Nullable Double level() {
		return this.rule.level();
	}

	@JsonProperty("currency")
	String currency() {
		return this.rule.currency();
	}

	@JsonProperty("percent")
	@Nullable Double percent() {
		return this.rule.percent();
	}

	@JsonProperty("window")
	@Nullable String window() {
		return this.rule.window();
	}

	@JsonProperty("direction")
	@Nullable String direction() {
		return this.rule.direction();
	}

	@JsonProperty("period")
	@Nullable Integer period() {
		return this.rule.period();
	}

	@JsonProperty("interval")
	@Nullable String interval() {
		return this.rule.interval();
	}

	@JsonProperty("rearm")
	String rearm() {
		return this.rule.rearm();
	}

	@JsonProperty("margin_pct")
	@Nullable Double marginPct() {
		return this.rule.hysteresis() ? this.rule.marginPct() : null;
	}

	@JsonProperty("created_at")
	Instant createdAt() {
		return this.rule.createdAt();
	}

	@JsonProperty("origin")
	String origin() {
		return this.rule.origin();
	}

	/** A webhook URL cut to its origin, {@code https://hooks.example.com/…}. */
	static @Nullable String webhookOrigin(@Nullable String url) {
		if (url == null) {
			return null;
		}
		URI uri = URI.create(url);
		return uri.getScheme() + "://" + uri.getRawAuthority() + "/…";
	}

}
