package io.cryptoviz.producer.universe;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CoinSelectionTests {

	@Test
	void readsFixedIdsARuleOrBoth() {
		assertThat(CoinSelection.parse(List.of("bitcoin", "ethereum"))).isEqualTo(
				new CoinSelection(0, List.of("bitcoin", "ethereum")));
		assertThat(CoinSelection.parse(List.of("top:100"))).isEqualTo(new CoinSelection(100, List.of()));
		assertThat(CoinSelection.parse(List.of(" TOP: 250 ", "monero", "monero"))).isEqualTo(
				new CoinSelection(250, List.of("monero")));
	}

	@Test
	void refusesWhatIsNeitherAnIdNorARuleAndSaysWhatIsAllowed() {
		assertThatIllegalArgumentException().isThrownBy(() -> CoinSelection.parse(List.of("Bitcoin")))
			.withMessage("cryptoviz.coins: 'Bitcoin' is neither a CoinGecko coin id (lower-case letters, digits and "
					+ "'-', e.g. bitcoin) nor a rule such as top:100");
		assertThatIllegalArgumentException().isThrownBy(() -> CoinSelection.parse(List.of("top:0")))
			.withMessage("cryptoviz.coins: 'top:0' is not a rule; write top:N with N from 1 to 1000, e.g. top:100");
		assertThatIllegalArgumentException().isThrownBy(() -> CoinSelection.parse(List.of("top:five")))
			.withMessageContaining("'top:five' is not a rule");
		assertThatIllegalArgumentException().isThrownBy(() -> CoinSelection.parse(List.of("top:10", "top:20")))
			.withMessage("cryptoviz.coins has two rules; give one top:N");
		assertThatIllegalArgumentException().isThrownBy(() -> CoinSelection.parse(List.of(" ")))
			.withMessageStartingWith("cryptoviz.coins is empty");
	}

}
