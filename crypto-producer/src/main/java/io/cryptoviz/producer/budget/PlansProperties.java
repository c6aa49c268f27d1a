package io.cryptoviz.producer.budget;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The limits of each CoinGecko plan; the defaults in {@code application.yml} are CoinGecko's published
 * figures (the README says which and from where). Which plan applies follows from the key: none is
 * {@code keyless}, otherwise {@code cryptoviz.coingecko.api-key-type}.
 *
 * @param keyless without an API key
 * @param demo with a demo key
 * @param pro with a paid plan's key; the defaults are those of the smallest paid plan
 */
@Validated
@ConfigurationProperties("cryptoviz.coingecko.plans")
public record PlansProperties(@NotNull @Valid PlanLimits keyless, @NotNull @Valid PlanLimits demo,
		@NotNull @Valid PlanLimits pro) {

	public PlanLimits of(Plan plan) {
		return switch (plan) {
			case KEYLESS -> this.keyless;
			case DEMO -> this.demo;
			case PRO -> this.pro;
		};
	}

}
