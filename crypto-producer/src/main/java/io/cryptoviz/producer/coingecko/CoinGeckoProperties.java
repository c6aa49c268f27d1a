package io.cryptoviz.producer.coingecko;

import java.net.URI;
import java.time.Duration;

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
 */
@Validated
@ConfigurationProperties("cryptoviz.coingecko")
public record CoinGeckoProperties(@NotNull URI baseUrl, @Nullable String apiKey, @NotNull ApiKeyType apiKeyType,
		@NotNull Duration connectTimeout, @NotNull Duration readTimeout) {

	boolean hasApiKey() {
		return this.apiKey != null && !this.apiKey.isBlank();
	}

	@Override
	public String toString() {
		return "CoinGeckoProperties[baseUrl=" + this.baseUrl + ", apiKey=" + (hasApiKey() ? "******" : "(none)")
				+ ", apiKeyType=" + this.apiKeyType + ", connectTimeout=" + this.connectTimeout + ", readTimeout="
				+ this.readTimeout + "]";
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
