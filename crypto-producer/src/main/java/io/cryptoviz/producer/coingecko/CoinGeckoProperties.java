package io.cryptoviz.producer.coingecko;

import java.net.URI;
import java.time.Duration;

import io.cryptoviz.producer.budget.Plan;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach CoinGecko.
 *
 * @param baseUrl API base, {@code https://api.coingecko.com/api/v3} (public and demo plans) or
 * {@code https://pro-api.coingecko.com/api/v3} (pro plan)
 * @param apiKey API key, sent as a header (never in the query string, which ends up in logs);
 * empty for the keyless public API
 * @param apiKeyType which plan the key belongs to, hence which header carries it
 * @param connectTimeout connect timeout
 * @param readTimeout time to wait for an answer
 * @param maxUrlLength longest request URL; price requests for more coins are split. CoinGecko answers 414
 * to a URL it finds too long and documents no length, so this stays well under the 8,000 octets that
 * RFC 9110 asks every server to accept
 */
@Validated
@ConfigurationProperties("cryptoviz.coingecko")
public record CoinGeckoProperties(@NotNull URI baseUrl, @Nullable String apiKey, @NotNull ApiKeyType apiKeyType,
		@NotNull Duration connectTimeout, @NotNull Duration readTimeout, @Min(500) int maxUrlLength) {

	boolean hasApiKey() {
		return this.apiKey != null && !this.apiKey.isBlank();
	}

	/** The plan whose limits apply: keyless without a key, otherwise the key's. */
	public Plan plan() {
		if (!hasApiKey()) {
			return Plan.KEYLESS;
		}
		return (this.apiKeyType == ApiKeyType.PRO) ? Plan.PRO : Plan.DEMO;
	}

	@Override
	public String toString() {
		return "CoinGeckoProperties[baseUrl=" + this.baseUrl + ", apiKey=" + (hasApiKey() ? "******" : "(none)")
				+ ", apiKeyType=" + this.apiKeyType + ", connectTimeout=" + this.connectTimeout + ", readTimeout="
				+ this.readTimeout + ", maxUrlLength=" + this.maxUrlLength + "]";
	}

	public enum ApiKeyType {

		/** Demo plan key, header {@code x-cg-demo-api-key}. */
		DEMO("x-cg-demo-api-key"),

		/** Pro plan key, header {@code x-cg-pro-api-key}. */
		PRO("x-cg-pro-api-key");

		private final String header;

		ApiKeyType(String header) {
			this.header = header;
		}

		public String header() {
			return this.header;
		}

	}

}
