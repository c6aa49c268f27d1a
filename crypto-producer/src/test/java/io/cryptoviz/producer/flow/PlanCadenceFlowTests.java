package io.cryptoviz.producer.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.cryptoviz.producer.MovableTime;
import io.cryptoviz.producer.budget.CallBudget;
import io.cryptoviz.producer.poll.PollCadence;
import io.cryptoviz.producer.poll.PricePoller;
import io.cryptoviz.testsupport.CoinGeckoStub;
import io.cryptoviz.testsupport.KafkaTestClients;
import io.cryptoviz.testsupport.MutableClock;
import io.cryptoviz.testsupport.SimplePrices;
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
 * With {@code poll-interval: auto} and CoinGecko's figures, each plan polls the stub at the cadence it
 * derives, for an hour of the test's clock, and every poll's ticks reach the real (embedded) broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = "cryptoviz.producer.polling-enabled=false")
@EmbeddedKafka(partitions = 1)
@Import(MovableTime.class)
class PlanCadenceFlowTests {

	// not an extension: its after-all would stop it after the first nested class
	static final CoinGeckoStub stub = CoinGeckoStub.start();

	@Autowired
	private PricePoller poller;

	@Autowired
	private PollCadence cadence;

	@Autowired
	private CallBudget budget;

	@Autowired
	private MutableClock clock;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@BeforeEach
	void forgetRequests() {
		stub.reset();
	}

	@AfterAll
	static void stopStub() {
		stub.close();
	}

	@DynamicPropertySource
	static void coinGecko(DynamicPropertyRegistry registry) {
		registry.add("cryptoviz.coingecko.base-url", stub::baseUrl);
	}

	void pollsEveryForAnHour(Duration interval, int polls) {
		stub.willAnswer(SimplePrices.PATH, SimplePrices.answering(this.clock::instant));
		assertThat(this.cadence.interval()).isEqualTo(interval);
		Instant start = this.clock.instant();
		List<Long> pollSeconds = new ArrayList<>();
		while (this.clock.instant().isBefore(start.plus(Duration.ofHours(1)))) {
			int before = stub.requests().size();
			this.poller.pollIfDue();
			if (stub.requests().size() > before) {
				pollSeconds.add(Duration.between(start, this.clock.instant()).toSeconds());
			}
			this.clock.advance(Duration.ofSeconds(1));
		}

		assertThat(pollSeconds).hasSize(polls);
		for (int i = 0; i < pollSeconds.size(); i++) {
			assertThat(pollSeconds.get(i)).isEqualTo(i * interval.toSeconds());
		}
		assertThat(stub.requests()).allSatisfy((request) -> {
			assertThat(request.path()).isEqualTo(SimplePrices.PATH);
			assertThat(request.queryParameter("ids")).isEqualTo("bitcoin,ethereum,cardano,solana,polkadot");
		});
		assertThat(this.budget.snapshot().calls()).isEqualTo(polls);
		assertThat(KafkaTestClients.readAll(this.broker.getBrokersAsString(), "crypto-prices", polls * 5,
				Duration.ofSeconds(30)))
			.hasSize(polls * 5);
	}

	@Nested
	@TestPropertySource(properties = "cryptoviz.coingecko.api-key=")
	class Keyless {

		@Test
		void pollsEveryMinuteTheDataRefreshWithinFiveCallsAMinute() {
			pollsEveryForAnHour(Duration.ofSeconds(60), 60);
			assertThat(stub.requests()).allSatisfy((request) -> assertThat(request.headers())
				.doesNotContainKeys("x-cg-demo-api-key", "x-cg-pro-api-key"));
		}

	}

	@Nested
	@TestPropertySource(properties = { "cryptoviz.coingecko.api-key=demo-key", "cryptoviz.coingecko.api-key-type=demo" })
	class Demo {

		@Test
		void pollsEvery298SecondsSoTenThousandCreditsLessTheReserveLastTheMonth() {
			pollsEveryForAnHour(Duration.ofSeconds(298), 13);
			assertThat(stub.requests()).allSatisfy(
					(request) -> assertThat(request.headers()).containsEntry("x-cg-demo-api-key", "demo-key"));
		}

	}

	@Nested
	@TestPropertySource(properties = { "cryptoviz.coingecko.api-key=pro-key", "cryptoviz.coingecko.api-key-type=pro" })
	class Pro {

		@Test
		void pollsEvery31SecondsSoAHundredThousandCreditsLessTheReserveAndKeyChecksLastTheMonth() {
			pollsEveryForAnHour(Duration.ofSeconds(31), 117);
			assertThat(stub.requests()).allSatisfy(
					(request) -> assertThat(request.headers()).containsEntry("x-cg-pro-api-key", "pro-key"));
		}

	}

}
