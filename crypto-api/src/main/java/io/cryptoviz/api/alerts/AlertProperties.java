package io.cryptoviz.api.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The alerts' settings; defaults in {@code application.yml}.
 *
 * @param enabled evaluate rules and deliver alerts at all
 * @param token the bearer token that creating, re-arming and deleting rules needs; none: those are refused
 * @param rulesTopic the compacted topic of the rules (key: rule id)
 * @param stateTopic the compacted topic of whether each rule is armed (key: rule id)
 * @param alertsTopic the fired alerts (key: coin)
 * @param groupId the consumer group, shared by every API instance, that evaluates the ticks: each tick is
 * evaluated by one instance
 * @param deliveryGroupId the consumer group, shared likewise, that delivers the alerts to webhooks
 * @param streamGroupPrefix the live stream's group for alerts is this prefix and a random id: every instance
 * pushes every alert to its own clients
 * @param webhook webhook delivery
 * @param rules rules declared here, by id: read-only over HTTP
 */
@Validated
@ConfigurationProperties("cryptoviz.api.alerts")
public record AlertProperties(boolean enabled, @Nullable String token, @NotBlank String rulesTopic,
		@NotBlank String stateTopic, @NotBlank String alertsTopic,
		@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,100}") String groupId,
		@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,100}") String deliveryGroupId,
		@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,100}") String streamGroupPrefix, @Valid @NotNull Webhook webhook,
		Map<String, Map<String, String>> rules) {

	public AlertProperties {
		rules = (rules != null) ? Map.copyOf(rules) : Map.of();
	}

	/** The dead-letter topic of deliveries that failed every attempt: spring-kafka's {@code -dlt} suffix. */
	public String deadLetterTopic() {
		return this.alertsTopic + "-dlt";
	}

	/**
	 * @param secret the HMAC-SHA256 key of the {@code X-CryptoViz-Signature-256} header; rules with a webhook
	 * need one
	 * @param attempts attempts of one delivery before it is dead-lettered
	 * @param initialBackoff wait after the first failed attempt, doubled per attempt
	 * @param maxBackoff longest wait between attempts
	 * @param timeout connect and answer timeout of one attempt
	 * @param allowedAddresses addresses or CIDR ranges ({@code 10.0.0.0/8}, {@code 127.0.0.1/32}) a webhook may
	 * point at although they are loopback, link-local or private
	 */
	public record Webhook(@Nullable String secret, @Min(1) @Max(20) int attempts, @NotNull Duration initialBackoff,
			@NotNull Duration maxBackoff, @NotNull Duration timeout, List<@NotBlank String> allowedAddresses) {

		public Webhook {
			allowedAddresses = (allowedAddresses != null) ? List.copyOf(allowedAddresses) : List.of();
		}

		boolean signs() {
			return this.secret != null && !this.secret.isBlank();
		}

	}

}
