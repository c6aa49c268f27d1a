package io.cryptoviz.influx;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RowTests {

	@Test
	void readsAnEmptyCellAsNoValueNeverZero() {
		Row row = row(Map.of("price_eur", ""));

		assertThat(row.number("price_eur")).isNull();
		assertThat(row.string("price_eur")).isNull();
		assertThat(row.number("market_cap")).isNull();
	}

	@Test
	void typesTimesAndNumbersAndKeepsTagsAsText() {
		Row row = new Row(Map.of("crypto", "1"), Map.of("time", "1761906705000", "price_usd", "109801.5", "market_cap",
				"2188079000000", "source", "coingecko"));

		assertThat(row.time()).isEqualTo(Instant.parse("2025-10-31T10:31:45Z"));
		assertThat(row.number("price_usd")).isEqualTo(109801.5);
		assertThat(row.number("market_cap")).isEqualTo(2.188079e12);
		assertThat(row.string("source")).isEqualTo("coingecko");
		assertThat(row.tag("crypto")).isEqualTo("1");
		assertThat(row.string("crypto")).as("a group-by tag, read like a column").isEqualTo("1");
	}

	@Test
	void readsAFieldThatIsNotANumberAsMissingWhereANumberIsWanted() {
		Row row = row(Map.of("price_usd", "oops", "time", "yesterday"));

		assertThat(row.number("price_usd")).isNull();
		assertThat(row.string("price_usd")).isEqualTo("oops");
		assertThat(row.time()).isNull();
	}

	private static Row row(Map<String, String> values) {
		return new Row(Map.of(), new HashMap<>(values));
	}

}
