package io.cryptoviz.tick;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import io.cryptoviz.kafka.TickDeserializer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PriceTickJsonTests {

	private final JsonMapper json = TickJson.strictMapper();

	@Test
	void writesTheSeedFieldNamesWithAUtcTimestampAndNoAbsentFields() {
		PriceTick tick = new PriceTick("ethereum", 3860.02, null, -1.07, null, 27990124410.51,
				Instant.ofEpochSecond(1761906701), TickSource.COINGECKO);

		assertThat(wire(tick)).isEqualTo("""
				{"crypto":"ethereum","price_usd":3860.02,"change_24h":-1.07,"volume_24h":2.799012441051E10,\
				"timestamp":"2025-10-31T10:31:41Z","source":"coingecko"}""");
	}

	@Test
	void readsAFullTick() {
		PriceTick tick = read("""
				{"crypto":"bitcoin","price_usd":109724.5,"price_eur":98432.1,"change_24h":2.34,
				 "market_cap":2186543028396,"volume_24h":45123456789,"timestamp":"2025-10-31T10:30:45Z",
				 "source":"coingecko","added_later":"ignored"}""");

		assertThat(tick).isEqualTo(new PriceTick("bitcoin", 109724.5, 98432.1, 2.34, 2186543028396.0, 45123456789.0,
				Instant.parse("2025-10-31T10:30:45Z"), TickSource.COINGECKO));
	}

	@Test
	void readsATimestampWithAnOffsetAsTheSameInstant() {
		PriceTick tick = read("""
				{"crypto":"bitcoin","price_usd":1,"timestamp":"2025-10-31T12:30:45+02:00","source":"simulated"}""");

		assertThat(tick.timestamp()).isEqualTo(Instant.parse("2025-10-31T10:30:45Z"));
	}

	@Test
	void readsTimestampsWithAFractionToTheNanosecond() {
		assertThat(read("""
				{"crypto":"bitcoin","price_usd":1,"timestamp":"2025-10-31T10:30:45.123456789Z","source":"simulated"}""")
			.timestamp()).isEqualTo(Instant.parse("2025-10-31T10:30:45.123456789Z"));
		assertThat(read("""
				{"crypto":"bitcoin","price_usd":1,"timestamp":"2024-02-29T23:59:59.5Z","source":"simulated"}""")
			.timestamp()).isEqualTo(Instant.parse("2024-02-29T23:59:59.500Z"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2025-02-29T10:30:45Z", "2025-10-31T25:00:00Z", "2025-13-01T10:30:45Z",
			"2025-10-31T10:30:61Z", "2025-10-31T10:30:45.1234567891Z", "2025-10-31 10:30:45Z", "+2025-10-31T10:30:45Z" })
	void rejectsImpossibleOrMisshapenTimestamps(String timestamp) {
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> read(
				"{\"crypto\":\"bitcoin\",\"price_usd\":1,\"timestamp\":\"" + timestamp + "\",\"source\":\"simulated\"}"));
	}

	@Test
	void roundTripsEverySourceFromTheProducersSerializerToTheConsumersDeserializer() {
		for (TickSource source : TickSource.values()) {
			PriceTick tick = new PriceTick("solana", 186.44, 167.26, 4.12, 1.0e11, 5.1e9, Instant.ofEpochMilli(1_761_906_644_123L),
					source);
			try (var deserializer = TickDeserializer.create()) {
				assertThat(deserializer.deserialize("crypto-prices", wire(tick).getBytes(StandardCharsets.UTF_8)))
					.isEqualTo(tick);
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json", "[]", "{}", "{\"price_usd\":1,\"timestamp\":\"2025-10-31T10:30:45Z\",\"source\":\"coingecko\"}",
			"{\"crypto\":\"bitcoin\",\"timestamp\":\"2025-10-31T10:30:45Z\",\"source\":\"coingecko\"}",
			"{\"crypto\":\"bitcoin\",\"price_usd\":\"abc\",\"timestamp\":\"2025-10-31T10:30:45Z\",\"source\":\"coingecko\"}",
			"{\"crypto\":\"bitcoin\",\"price_usd\":NaN,\"timestamp\":\"2025-10-31T10:30:45Z\",\"source\":\"coingecko\"}",
			"{\"crypto\":\"bitcoin\",\"price_usd\":-5,\"timestamp\":\"2025-10-31T10:30:45Z\",\"source\":\"coingecko\"}",
			"{\"crypto\":\"bitcoin\",\"price_usd\":1e999,\"timestamp\":\"2025-10-31T10:30:45Z\",\"source\":\"coingecko\"}",
			"{\"crypto\":\"bitcoin\",\"price_usd\":1,\"market_cap\":-1,\"timestamp\":\"2025-10-31T10:30:45Z\",\"source\":\"coingecko\"}",
			"{\"crypto\":\"bitcoin\",\"price_usd\":1,\"timestamp\":\"yesterday\",\"source\":\"coingecko\"}",
			"{\"crypto\":\"bitcoin\",\"price_usd\":1,\"timestamp\":\"2025-10-31T10:30:45.123456\",\"source\":\"coingecko\"}",
			"{\"crypto\":\"bitcoin\",\"price_usd\":1,\"source\":\"coingecko\"}",
			"{\"crypto\":\"bitcoin\",\"price_usd\":1,\"timestamp\":\"2025-10-31T10:30:45Z\",\"source\":\"telnet\"}",
			"{\"crypto\":\"bitcoin\",\"price_usd\":1,\"timestamp\":\"2025-10-31T10:30:45Z\"}",
			"{\"crypto\":\"Bit Coin\",\"price_usd\":1,\"timestamp\":\"2025-10-31T10:30:45Z\",\"source\":\"coingecko\"}",
			"{\"crypto\":\"bitcoin\\\",x=1\",\"price_usd\":1,\"timestamp\":\"2025-10-31T10:30:45Z\",\"source\":\"coingecko\"}",
			"{\"crypto\":123,\"price_usd\":1,\"timestamp\":\"2025-10-31T10:30:45Z\",\"source\":\"coingecko\"}",
			"{\"crypto\":\"bitcoin\",\"price_usd\":\"1.5\",\"timestamp\":\"2025-10-31T10:30:45Z\",\"source\":\"coingecko\"}",
			"{\"crypto\":\"bitcoin\",\"price_usd\":\"NaN\",\"timestamp\":\"2025-10-31T10:30:45Z\",\"source\":\"coingecko\"}",
			"{\"crypto\":\"bitcoin\",\"price_usd\":true,\"timestamp\":\"2025-10-31T10:30:45Z\",\"source\":\"coingecko\"}",
			"{\"crypto\":\"bitcoin\",\"price_usd\":1,\"timestamp\":1761906645000,\"source\":\"coingecko\"}",
			"{\"crypto\":\"bitcoin\",\"price_usd\":1,\"timestamp\":\"1970-01-01T00:00:00Z\",\"source\":\"coingecko\"}",
			"{\"crypto\":\"bitcoin\",\"price_usd\":1,\"timestamp\":\"2025-10-31T10:30:45Z\",\"source\":\"coingecko\"} trailing",
			"[" })
	void rejectsWhatBreaksTheContract(String body) {
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> read(body));
	}

	@Test
	void namesTheFieldInTheReason() {
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> read("""
					{"crypto":"bitcoin","price_usd":-5,"timestamp":"2025-10-31T10:30:45Z","source":"coingecko"}"""))
			.withMessageContaining("price_usd must be a positive finite number, was -5.0");
	}

	@ParameterizedTest
	@ValueSource(strings = { "bitcoin", "usd-coin", "0x", "a", "shiba-inu-2", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
			"", "-bitcoin", "Bitcoin", "bit coin", "bit_coin", "bitcoïn", "bit,coin", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" })
	void checksCoinIdsExactlyAsTheDocumentedPattern(String id) {
		assertThat(PriceTick.isCoinId(id)).isEqualTo(PriceTick.COIN_ID.matcher(id).matches());
	}

	private PriceTick read(String body) {
		return this.json.readValue(body, PriceTick.class);
	}

	/** The record value the producer sends: its serializer, configured as in its application.yml. */
	private static String wire(PriceTick tick) {
		try (JacksonJsonSerializer<PriceTick> serializer = new JacksonJsonSerializer<>()) {
			serializer.configure(Map.of("spring.json.add.type.headers", false), false);
			return new String(serializer.serialize("crypto-prices", tick), StandardCharsets.UTF_8);
		}
	}

}
