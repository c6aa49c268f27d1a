package io.cryptoviz.api.problem;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InvalidParameterExceptionTests {

	@Test
	void quotesShortValuesAsTheyAre() {
		assertThat(InvalidParameterException.shown("1m' OR 1=1")).isEqualTo("'1m' OR 1=1'");
	}

	@Test
	void replacesControlAndInvisibleCharactersSoAMessageCannotForgeLines() {
		assertThat(InvalidParameterException.shown("a\r\nb\u0000c\u202Ed\u2028e")).isEqualTo("'a\uFFFD\uFFFDb\uFFFDc\uFFFDd\uFFFDe'");
	}

	@Test
	void shortensLongValuesAndSaysHowLongTheyWere() {
		assertThat(InvalidParameterException.shown("x".repeat(100))).isEqualTo("'" + "x".repeat(40) + "'… (100 chars)");
	}

	@Test
	void neverSplitsACharacterOutsideTheBasicPlane() {
		String shown = InvalidParameterException.shown("😀".repeat(50));

		assertThat(shown).startsWith("'" + "😀".repeat(40) + "'");
	}

}
