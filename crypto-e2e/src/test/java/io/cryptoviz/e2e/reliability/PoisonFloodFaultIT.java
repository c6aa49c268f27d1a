package io.cryptoviz.e2e.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cryptoviz.testsupport.KafkaTestClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 5: a few hundred poison records of every kind mixed into a stream of good ticks.
 */
@Tag("reliability")
class PoisonFloodFaultIT {

	private static final String VALID_REST = "\"timestamp\":\"2025-11-02T00:00:00Z\",\"source\":\"coingecko\"}";

	@Test
	void whenPoisonIsMixedIntoGoodTicksThenGoodOnesAreStoredAndPoisonIsDeadLetteredWithItsReason() throws Exception {
		try (FaultPipeline pipeline = new FaultPipeline("poison-flood")) {
			List<byte[]> poison = poison();
			List<Map.Entry<String, byte[]>> good = ConsumerCrashFaultIT.ticks(2_000);
			List<Map.Entry<String, byte[]>> stream = new ArrayList<>();
			for (int i = 0; i < good.size(); i++) {
				stream.add(good.get(i));
				if (i % 5 == 0 && i / 5 < poison.size()) {
					stream.add(new SimpleEntry<>("bitcoin", poison.get(i / 5)));
				}
			}
			KafkaTestClients.publish(pipeline.kafka.bootstrapServers(), FaultPipeline.TOPIC, stream);

			pipeline.consumer(Map.of());
			FaultScenarios.awaitDrained(pipeline, good.size());
			List<ConsumerRecord<String, byte[]>> deadLetters = KafkaTestClients.readAll(
					pipeline.kafka.bootstrapServers(), "crypto-prices-dlt", poison.size(), Duration.ofSeconds(60));
			Ledger.Outcome outcome = pipeline.outcome("5. Poison records mixed into good ticks", good.size())
				.record("%d poison records of %d kinds; %d in the dead-letter topic, each with its reason; lag %d"
					.formatted(poison.size(), poison.size() / 10, deadLetters.size(), pipeline.lag()));

			FaultScenarios.assertExactlyOnce(outcome);
			assertThat(deadLetters).hasSize(poison.size());
			assertThat(deadLetters).allSatisfy((record) -> assertThat(record.headers().lastHeader("cryptoviz-dlt-reason"))
				.isNotNull()
				.satisfies((reason) -> assertThat(new String(reason.value(), StandardCharsets.UTF_8)).isNotBlank()));
			await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.lag() == 0);
		}
	}

	/** Ten of each kind of record that is not a tick. */
	private static List<byte[]> poison() {
		String huge = "1" + "0".repeat(500);
		List<byte[]> kinds = new ArrayList<>();
		for (String text : List.of("definitely not json", "", "[]", "42", "\"a string\"", "{}", "{\"crypto\":",
				"{\"crypto\":\"bitcoin\",\"price_usd\":\"abc\"," + VALID_REST,
				"{\"crypto\":\"bitcoin\",\"price_usd\":true," + VALID_REST,
				"{\"crypto\":\"bitcoin\",\"price_usd\":{\"nested\":1}," + VALID_REST,
				"{\"crypto\":123,\"price_usd\":1," + VALID_REST,
				"{\"price_usd\":1," + VALID_REST,
				"{\"crypto\":\"bitcoin\"," + VALID_REST,
				"{\"crypto\":\"bitcoin\",\"price_usd\":1,\"source\":\"coingecko\"}",
				"{\"crypto\":\"bitcoin\",\"price_usd\":1,\"timestamp\":\"2025-11-02T00:00:00Z\"}",
				"{\"crypto\":\"bitcoin\",\"price_usd\":NaN," + VALID_REST,
				"{\"crypto\":\"bitcoin\",\"price_usd\":\"NaN\"," + VALID_REST,
				"{\"crypto\":\"bitcoin\",\"price_usd\":Infinity," + VALID_REST,
				"{\"crypto\":\"bitcoin\",\"price_usd\":1e400," + VALID_REST,
				"{\"crypto\":\"bitcoin\",\"price_usd\":-1e400," + VALID_REST,
				"{\"crypto\":\"bitcoin\",\"price_usd\":" + huge + "," + VALID_REST,
				"{\"crypto\":\"bitcoin\",\"price_usd\":-5," + VALID_REST,
				"{\"crypto\":\"bitcoin\",\"price_usd\":0," + VALID_REST,
				"{\"crypto\":\"bitcoin\",\"price_usd\":1,\"market_cap\":-1," + VALID_REST,
				"{\"crypto\":\"" + "a".repeat(1_000_000) + "\",\"price_usd\":1," + VALID_REST,
				"{\"crypto\":\"Bit Coin\",\"price_usd\":1," + VALID_REST,
				"{\"crypto\":\"bit,coin=x price_usd=0\",\"price_usd\":1," + VALID_REST,
				"{\"crypto\":\"bitcoin\",\"price_usd\":1,\"timestamp\":\"2025-11-02T00:00:00\",\"source\":\"coingecko\"}",
				"{\"crypto\":\"bitcoin\",\"price_usd\":1,\"timestamp\":\"yesterday\",\"source\":\"coingecko\"}",
				"{\"crypto\":\"bitcoin\",\"price_usd\":1,\"timestamp\":\"2025-11-02T00:00:00Z\",\"source\":\"telnet\"}",
				"[".repeat(10_000))) {
			kinds.add(text.getBytes(StandardCharsets.UTF_8));
		}
		kinds.add("{\"crypto\":\"bitcoïn\",\"price_usd\":1,\"timestamp\":\"2025-11-02T00:00:00Z\",\"source\":\"coingecko\"}"
			.getBytes(StandardCharsets.ISO_8859_1));
		kinds.add(("{\"crypto\":\"bitcoin\",\"price_usd\":1,\"timestamp\":\"2025-11-02T00:00:00Z\",\"source\":\"coingecko\"}"
				+ "\u0000\u0000").getBytes(StandardCharsets.UTF_16BE));
		kinds.add(new byte[] { (byte) 0xC3, (byte) 0x28, (byte) 0xA0, (byte) 0xA1, (byte) 0xFF, 0x00 });
		kinds.add(null);
		List<byte[]> poison = new ArrayList<>();
		for (int copy = 0; copy < 10; copy++) {
			poison.addAll(kinds);
		}
		return poison;
	}

}
