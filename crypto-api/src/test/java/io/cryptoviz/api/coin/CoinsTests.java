package io.cryptoviz.api.coin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.cryptoviz.api.problem.InvalidParameterException;
import io.cryptoviz.api.problem.UnknownCoinException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The API's coins are the data's: what the catalog holds, now, and no id that is not a coin id. */
class CoinsTests {

	private final RecordingCatalog catalog = new RecordingCatalog();

	private final Coins coins = new Coins(this.catalog);

	@Test
	void servesWhateverCoinsTheDataHoldsByIdNoConfiguredList() {
		this.catalog.coins.addAll(List.of("sim-coin-250", "bitcoin", "monero"));

		assertThat(this.coins.all()).containsExactly("bitcoin", "monero", "sim-coin-250");
		assertThat(this.coins.require("monero")).isEqualTo("monero");
		assertThat(this.coins.requireAll("coins", null)).containsExactly("bitcoin", "monero", "sim-coin-250");
	}

	@Test
	void aCoinTheDataGainsIsServedFromThenOn() {
		this.catalog.coins.add("bitcoin");
		assertThat(this.coins.isKnown("solana")).isFalse();

		this.catalog.coins.add("solana");

		assertThat(this.coins.require("solana")).isEqualTo("solana");
		assertThat(this.coins.all()).containsExactly("bitcoin", "solana");
	}

	@Test
	void anUnknownCoinIs404SayingWhereTheCoinsAreListed() {
		this.catalog.coins.add("bitcoin");

		assertThatExceptionOfType(UnknownCoinException.class).isThrownBy(() -> this.coins.require("dogecoin"))
			.withMessage("Unknown coin 'dogecoin': no tick of it is stored or streamed; /api/v1/coins lists the "
					+ "coins there are.");
	}

	@Test
	void anIdThatIsNoCoinIdIsUnknownWithoutAskingTheCatalog() {
		this.catalog.coins.add("x' OR 1=1");

		for (String hostile : List.of("x' OR 1=1", "Bitcoin", "-bitcoin", "bit coin", "", "a".repeat(65), "bitcoin\n")) {
			assertThatExceptionOfType(UnknownCoinException.class).isThrownBy(() -> this.coins.require(hostile));
		}
		assertThat(this.catalog.asked).isEmpty();
	}

	@Test
	void aListBeforeAnyCoinIsKnownSaysThereIsNoneYet() {
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> this.coins.requireAll("coins", "solana"))
			.withMessage("coins names 1 coins; there is none yet: no tick of any coin is stored or streamed.");
	}

	@Test
	void aListNamesKnownCoinsInTheOrderGivenAndNoMoreThanThereAre() {
		this.catalog.coins.addAll(List.of("bitcoin", "ethereum"));

		assertThat(this.coins.requireAll("coins", " ethereum,bitcoin")).containsExactly("ethereum", "bitcoin");
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> this.coins.requireAll("coins", "bitcoin,ethereum,solana"))
			.withMessage("coins names 3 coins; at most the 2 there are can be asked for.");
		assertThatExceptionOfType(InvalidParameterException.class)
			.isThrownBy(() -> this.coins.requireAll("coins", "bitcoin,"))
			.extracting(InvalidParameterException::parameter)
			.isEqualTo("coins");
		assertThatExceptionOfType(UnknownCoinException.class)
			.isThrownBy(() -> this.coins.requireAll("coins", "bitcoin,dogecoin"));
	}

	@Test
	void withNoDataThereIsNoCoin() {
		assertThat(this.coins.all()).isEmpty();
		assertThat(this.coins.requireAll("coins", "")).isEmpty();
		assertThatExceptionOfType(UnknownCoinException.class).isThrownBy(() -> this.coins.require("bitcoin"));
	}

	/** A catalog whose coins the test sets, recording what it was asked about. */
	private static final class RecordingCatalog implements CoinCatalog {

		final Set<String> coins = new TreeSet<>();

		final List<String> asked = new ArrayList<>();

		@Override
		public Collection<String> coins() {
			return Set.copyOf(this.coins);
		}

		@Override
		public boolean holds(String coin) {
			this.asked.add(coin);
			return this.coins.contains(coin);
		}

	}

}
