package io.cryptoviz.producer.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.cryptoviz.testsupport.KafkaTestClients;
import io.cryptoviz.testsupport.SimplePrices;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code poll-interval: auto} and CoinGecko's figures, each plan polls the stub at the cadence it
 * derives, for an hour of the test's clock, and every poll's ticks reach the real (embedded) broker.
 */
class PlanCadenceFlowTests extends ProducerOnTheClock {

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
				Duration.ofMinutes(2)))
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
