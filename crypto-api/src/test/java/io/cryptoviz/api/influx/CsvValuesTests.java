package io.cryptoviz.api.influx;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvValuesTests {

	private final CsvValues values = new CsvValues();

	@Test
	void readsAnEmptyCellAsNoValueNeverZero() {
		assertThat(this.values.extractValue("price_eur", "", 0, "crypto_price")).isNull();
	}

	@Test
	void typesTimesNumbersAndTags() {
		assertThat(this.values.extractValue("time", "1761906705000", 0, "crypto_price"))
			.isEqualTo(Instant.parse("2025-10-31T10:31:45Z"));
		assertThat(this.values.extractValue("price_usd", "109801.5", 0, "crypto_price")).isEqualTo(109801.5);
		assertThat(this.values.extractValue("market_cap", "2188079000000", 0, "crypto_price")).isEqualTo(2.188079e12);
		assertThat(this.values.extractValue("source", "coingecko", 0, "crypto_price")).isEqualTo("coingecko");
		assertThat(this.values.extractValue("crypto", "1", 0, "crypto_price")).isEqualTo("1");
	}

	@Test
	void keepsAFieldThatIsNotANumberAsTextSoThatItReadsAsMissing() {
		Object value = this.values.extractValue("price_usd", "oops", 0, "crypto_price");

		assertThat(value).isEqualTo("oops");
		assertThat(new Row(java.util.Map.of(), java.util.Map.of("price_usd", value)).number("price_usd")).isNull();
	}

}
