package io.cryptoviz.producer.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.cryptoviz.producer.MovableTime;
import io.cryptoviz.producer.poll.PricePoller;
import io.cryptoviz.producer.universe.CoinUniverse;
import io.cryptoviz.testsupport.CoinGeckoStub;
import io.cryptoviz.testsupport.CoinGeckoStub.RecordedRequest;
import io.cryptoviz.testsupport.CoinMarkets;
import io.cryptoviz.testsupport.KafkaTestClients;
import io.cryptoviz.testsupport.MutableClock;
import io.cryptoviz.testsupport.SimplePrices;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The top 250 and the top 1,000 against a stub that answers 414 to a URL over 4,000 characters, as
 * CoinGecko does to one it finds too long: the coin list comes in pages of 250, the prices in requests
 * that each stay within the length, each with every currency, every coin asked once, and every coin's
 * tick reaches the embedded broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "cryptoviz.producer.polling-enabled=false", "cryptoviz.coingecko.api-key=demo-key" })
@EmbeddedKafka(partitions = 3)
@Import(MovableTime.class)
class UrlSplittingFlowTests {

	private static final int LONGEST = 4000;

	static final CoinGeckoStub stub = CoinGeckoStub.start();

	@Autowired
	private CoinUniverse universe;

	@Autowired
	private PricePoller poller;

	@Autowired
	private MutableClock clock;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@BeforeEach
	void answer() {
		stub.reset();
		stub.refusingUrlsLongerThan(LONGEST);
		stub.willAnswer(SimplePrices.PATH, SimplePrices.answering(this.clock::instant));
		stub.willAnswer(CoinMarkets.PATH, CoinMarkets.answering(() -> CoinMarkets.ids(1000)));
	}

	@AfterAll
	static void stopStub() {
		stub.close();
	}

	@DynamicPropertySource
	static void coinGecko(DynamicPropertyRegistry registry) {
		registry.add("cryptoviz.coingecko.base-url", stub::baseUrl);
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
