package io.cryptoviz.producer.universe;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The producer's reading of {@code cryptoviz.coins}: fixed CoinGecko ids, a rule {@code top:N}, or both.
 * Only the producer reads it: the API learns the coins from the data.
 *
 * @param coins entries, each a coin id or a rule
 */
@Validated
@ConfigurationProperties("cryptoviz")
public record CoinsProperties(@NotEmpty List<String> coins) {

	public CoinsProperties {
		coins = List.copyOf(coins);
		// fails the binding with a message naming the bad entry, before anything starts
		CoinSelection.parse(coins);
	}

	public CoinSelection selection() {
		return CoinSelection.parse(this.coins);
	}

}
