package io.cryptoviz.producer.coingecko;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import io.cryptoviz.producer.budget.BudgetProperties;
import io.cryptoviz.producer.budget.CallBudget;
import io.cryptoviz.producer.budget.PlanLimits;
import io.cryptoviz.producer.coingecko.CoinGeckoProperties.ApiKeyType;
import io.cryptoviz.testsupport.CoinGeckoStub;
import io.cryptoviz.testsupport.MutableClock;
import io.cryptoviz.testsupport.StubResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The pro plan's credits left, from {@code /key} on the stub. */
class CoinGeckoKeyUsageTests {

	@RegisterExtension
	static final CoinGeckoStub stub = CoinGeckoStub.start();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-10T00:00:00Z"));

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void theProPlanAsksForTheCreditsLeftHourlyAndTheBudgetShowsThem() {
		stub.willAnswer("/key", StubResponse.fixture("key.json"));
		CallBudget budget = budget("pro-key", ApiKeyType.PRO);
		CoinGeckoKeyUsage usage = keyUsage("pro-key", ApiKeyType.PRO, budget);

		usage.checkIfDue();
		this.clock.advance(Duration.ofMinutes(59));
		usage.checkIfDue();
		this.clock.advance(Duration.ofMinutes(1));
		usage.checkIfDue();

		assertThat(stub.requests("/key")).hasSize(2)
			.allSatisfy((request) -> assertThat(request.headers()).containsEntry("x-cg-pro-api-key", "pro-key"));
		// as CoinGecko counts, the check included
		assertThat(budget.snapshot().creditsRemaining()).isEqualTo(999_896);
		assertThat(budget.snapshot().projected()).isGreaterThanOrEqualTo(104);
		assertThat(this.meters.get("crypto.coingecko.credits.remaining").gauge().value()).isEqualTo(999_896);
	}

	@Test
	void otherPlansHaveNoKeyEndpointAndAreNeverAsked() {
		CallBudget budget = budget("demo-key", ApiKeyType.DEMO);

		keyUsage("demo-key", ApiKeyType.DEMO, budget).checkIfDue();

		assertThat(stub.requests()).isEmpty();
		assertThat(budget.snapshot().creditsRemaining()).isNull();
	}

	private CallBudget budget(String key, ApiKeyType type) {
		return new CallBudget(properties(key, type).plan(), new PlanLimits(1000, 1_000_000L, Duration.ofSeconds(20)),
				new BudgetProperties(0.1, Duration.ofHours(1), Duration.ofHours(1)), this.clock, (instant) -> {
				}, this.meters);
	}

	private CoinGeckoKeyUsage keyUsage(String key, ApiKeyType type, CallBudget budget) {
		CoinGeckoClient client = new CoinGeckoClient(properties(key, type), budget, JsonMapper.builder().build(),
				this.meters, this.clock);
		return new CoinGeckoKeyUsage(client, budget, Duration.ofHours(1), this.clock);
	}

	private static CoinGeckoProperties properties(String key, ApiKeyType type) {
		return new CoinGeckoProperties(URI.create(stub.baseUrl()), key, type, Duration.ofSeconds(2),
				Duration.ofSeconds(2), 4000);
	}

}
