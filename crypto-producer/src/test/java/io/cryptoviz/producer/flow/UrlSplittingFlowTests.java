package io.cryptoviz.producer.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.cryptoviz.testsupport.CoinGeckoStub.RecordedRequest;
import io.cryptoviz.testsupport.CoinMarkets;
import io.cryptoviz.testsupport.KafkaTestClients;
import io.cryptoviz.testsupport.SimplePrices;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The top 250 and the top 1,000 against a stub that answers 414 to a URL over 4,000 characters, as
 * CoinGecko does to one it finds too long: the coin list comes in pages of 250, the prices in requests
 * that each stay within the length, each with every currency, every coin asked once, and every coin's
 * tick reaches the embedded broker.
 */
@TestPropertySource(properties = { "cryptoviz.coingecko.api-key=demo-key" })
class UrlSplittingFlowTests extends ProducerOnTheClock {

	private static final int LONGEST = 4000;

	@BeforeEach
	void answer() {
		stub.refusingUrlsLongerThan(LONGEST);
		stub.willAnswer(SimplePrices.PATH, SimplePrices.answering(this.clock::instant));
		stub.willAnswer(CoinMarkets.PATH, CoinMarkets.answering(() -> CoinMarkets.ids(1000)));
	}

	void pollsEveryCoinWithinTheLength(int coins, int pages, int requests) {
		this.universe.refreshIfDue();
		int published = this.poller.pollIfDue();

		assertThat(stub.requests()).allSatisfy((request) -> {
			assertThat(request.url(stub.baseUrl())).hasSizeLessThanOrEqualTo(LONGEST);
		});
		assertThat(stub.requests(CoinMarkets.PATH)).hasSize(pages);
		List<RecordedRequest> prices = stub.requests(SimplePrices.PATH);
		assertThat(prices).hasSize(requests)
			.allSatisfy((request) -> assertThat(request.queryParameter("vs_currencies")).isEqualTo("usd,eur"));
		List<String> asked = new ArrayList<>();
		prices.forEach((request) -> asked.addAll(Arrays.asList(request.queryParameter("ids").split(","))));
		assertThat(asked).containsExactlyElementsOf(CoinMarkets.ids(coins));
		assertThat(published).isEqualTo(coins);
		assertThat(KafkaTestClients.readAll(this.broker.getBrokersAsString(), "crypto-prices", coins,
				Duration.ofSeconds(30)))
			.extracting(ConsumerRecord::key)
			.containsExactlyInAnyOrderElementsOf(CoinMarkets.ids(coins));
	}

	@Nested
	@TestPropertySource(properties = "cryptoviz.coins=top:250")
	class TopTwoHundredFifty {

		@Test
		void pollsThe250InTwoRequestsOfAtMost4000Characters() {
			pollsEveryCoinWithinTheLength(250, 1, 2);
		}

	}

	@Nested
	@TestPropertySource(properties = "cryptoviz.coins=top:1000")
	class TopThousand {

		@Test
		void pollsThe1000InRequestsOfAtMost4000CharactersAfterFourPagesOfTheList() {
			pollsEveryCoinWithinTheLength(1000, 4, 5);
		}

	}

}
