package io.cryptoviz.influx;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CryptoPriceSchemaTests {

	private static final Instant AT = Instant.parse("2025-10-31T10:30:45.123Z");

	@Test
	void writesATickAsOneLineWithFloatFieldsAndAMillisecondTimestamp() {
		PriceTick tick = new PriceTick("bitcoin", 109801.0, 98501.0, 2.41, 2188079000000.0, 45200000000.0, AT,
				TickSource.COINGECKO);

		assertThat(CryptoPriceSchema.toLineProtocol(tick)).isEqualTo(
				"crypto_price,crypto=bitcoin,source=coingecko change_24h=2.41,market_cap=2.188079E12,"
						+ "price_eur=98501.0,price_usd=109801.0,volume_24h=4.52E10 1761906645123");
	}

	@Test
	void leavesOutTheFieldsATickDoesNotHave() {
		PriceTick tick = new PriceTick("cardano", 0.6121, null, null, null, 700911200.0, AT, TickSource.BACKFILL);

		assertThat(CryptoPriceSchema.toLineProtocol(tick))
			.isEqualTo("crypto_price,crypto=cardano,source=backfill price_usd=0.6121,volume_24h=7.009112E8 1761906645123");
	}

	@Test
	void meansTheSameAsTheClientLibrarysPoint() {
		for (PriceTick tick : List.of(
				new PriceTick("bitcoin", 109724.51234567, 98432.10987654, 2.3412874, 2186543028396.1847,
						45123456789.3321, AT, TickSource.COINGECKO),
				new PriceTick("ethereum", 3860.02, null, -1.07, null, 27990124410.51, AT, TickSource.SIMULATED),
				new PriceTick("shiba-inu", 0.00001234, 0.0000113, 0.0, 0.0, 1e-3, AT, TickSource.BACKFILL))) {
			assertThat(parse(CryptoPriceSchema.toLineProtocol(tick)))
				.isEqualTo(parse(CryptoPriceSchema.toPoint(tick).toLineProtocol()));
		}
	}

	/** Measurement, tags, fields as doubles and time of a line, in a comparable form. */
	private static Map<String, Object> parse(String line) {
		String[] parts = line.split(" ");
		Map<String, Object> parsed = new LinkedHashMap<>();
		parsed.put("series", parts[0]);
		for (String field : parts[1].split(",")) {
			String[] nameValue = field.split("=");
			parsed.put(nameValue[0], Double.parseDouble(nameValue[1]));
		}
		parsed.put("time", Long.parseLong(parts[2]));
		return parsed;
	}

}
