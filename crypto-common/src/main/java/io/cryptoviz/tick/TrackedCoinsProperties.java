package io.cryptoviz.tick;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The coins CryptoViz tracks, by CoinGecko id: the producer polls them, the API serves them and
 * refuses any other.
 *
 * @param coins coin ids, e.g. {@code bitcoin}
 */
@Validated
@ConfigurationProperties("cryptoviz")
public record TrackedCoinsProperties(
		@NotEmpty List<@Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}", message = "must be a CoinGecko coin id") String> coins) {

	public TrackedCoinsProperties {
		coins = List.copyOf(coins);
	}

}
