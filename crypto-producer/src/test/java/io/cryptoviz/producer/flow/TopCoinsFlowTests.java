package io.cryptoviz.producer.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.cryptoviz.producer.universe.TrackedCoinsChanged;
import io.cryptoviz.testsupport.CoinMarkets;
import io.cryptoviz.testsupport.KafkaTestClients;
import io.cryptoviz.testsupport.SimplePrices;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cryptoviz.coins=top:3,monero} against the stub's {@code /coins/markets} and the embedded broker:
 * the list is asked for at start and hourly, a coin entering the top 3 is polled from then on, one leaving
 * it is not, and what was published of it stays on the topic.
 */
@TestPropertySource(properties = { "cryptoviz.coins=top:3,monero",
		"cryptoviz.coingecko.api-key=demo-key" })
@RecordApplicationEvents
@ExtendWith(OutputCaptureExtension.class)
class TopCoinsFlowTests extends ProducerOnTheClock {

	@Test
	void aCoinEnteringTheTopNIsPolledFromThenOnAndOneLeavingItIsNotWhileItsTicksStay(ApplicationEvents events,
			CapturedOutput output) {
		AtomicReference<List<String>> ranking = new AtomicReference<>(List.of("bitcoin", "ethereum", "tether"));
		stub.willAnswer(CoinMarkets.PATH, CoinMarkets.answering(ranking::get));
		stub.willAnswer(SimplePrices.PATH, SimplePrices.answering(this.clock::instant));

		this.universe.refreshIfDue();
		this.poller.pollIfDue();
		ranking.set(List.of("bitcoin", "solana", "ethereum", "tether"));
		this.clock.advance(Duration.ofMinutes(59));
		this.universe.refreshIfDue();
		this.clock.advance(Duration.ofMinutes(1));
		this.universe.refreshIfDue();
		this.poller.pollIfDue();

		assertThat(stub.requests(CoinMarkets.PATH)).hasSize(2).allSatisfy((request) -> {
			assertThat(request.queryParameter("vs_currency")).isEqualTo("usd");
			assertThat(request.queryParameter("order")).isEqualTo("market_cap_desc");
			assertThat(request.queryParameter("per_page")).isEqualTo("3");
			assertThat(request.queryParameter("page")).isEqualTo("1");
		});
		assertThat(stub.requests(SimplePrices.PATH)).extracting((request) -> request.queryParameter("ids"))
			.containsExactly("bitcoin,ethereum,tether,monero", "bitcoin,solana,ethereum,monero");
		assertThat(this.universe.coins()).containsExactly("bitcoin", "solana", "ethereum", "monero");
		assertThat(events.stream(TrackedCoinsChanged.class)).hasSize(2)
			.last()
			.satisfies((change) -> {
				assertThat(change.entered()).containsExactly("solana");
				assertThat(change.left()).containsExactly("tether");
			});
		assertThat(output).contains("Tracking the top 3 coins by market cap and 1 fixed: 4 coins, the list refreshed "
				+ "every 1 h")
			.contains("The top 3 changed: 1 joined and solana tracked from now on, 1 left and tether no longer polled "
					+ "(what is stored of them stays); 4 coins tracked");
		List<String> keys = new ArrayList<>(KafkaTestClients
			.readAll(this.broker.getBrokersAsString(), "crypto-prices", 8, Duration.ofSeconds(30))
			.stream()
			.map(ConsumerRecord::key)
			.toList());
		assertThat(keys).containsExactlyInAnyOrder("bitcoin", "ethereum", "tether", "monero", "bitcoin", "solana",
				"ethereum", "monero");
	}

}
