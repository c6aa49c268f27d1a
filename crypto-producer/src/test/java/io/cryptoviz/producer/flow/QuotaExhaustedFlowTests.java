package io.cryptoviz.producer.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.cryptoviz.testsupport.SimplePrices;
import io.cryptoviz.testsupport.StubResponse;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CoinGecko's answer that the month's credits are used up (429, error 10006), on the demo plan with the
 * embedded broker and the test's clock: logged once as such, polling slowed to one attempt an hour (never
 * retried at the cadence, let alone at full speed), shown in health and a meter, and back to the cadence
 * when CoinGecko answers again.
 */
@TestPropertySource(properties = { "cryptoviz.coingecko.api-key=demo-key",
		"cryptoviz.coingecko.api-key-type=demo" })
@ExtendWith(OutputCaptureExtension.class)
class QuotaExhaustedFlowTests extends ProducerOnTheClock {

	@Autowired
	private MeterRegistry meters;

	@Autowired
	@Qualifier("coinGeckoBudgetHealthIndicator")
	private HealthIndicator health;

	@Test
	void aUsedUpQuotaIsLoggedOnceSlowsPollingToOneAttemptAnHourShowsInHealthAndLiftsWhenCoinGeckoAnswers(
			CapturedOutput output) {
		List<Long> attempts = new ArrayList<>();
		Instant start = this.clock.instant();
		stub.willAnswer(SimplePrices.PATH, StubResponse.quotaExhausted());

		// three hours and a half, looked at every ten seconds
		for (int i = 0; i < 1260; i++) {
			int before = stub.requests().size();
			this.poller.pollIfDue();
			if (stub.requests().size() > before) {
				attempts.add(Duration.between(start, this.clock.instant()).toMinutes());
			}
			this.clock.advance(Duration.ofSeconds(10));
		}

		assertThat(attempts).containsExactly(0L, 60L, 120L, 180L);
		assertThat(output.getAll().lines().filter((line) -> line.contains("monthly credits are used up")))
			.singleElement()
			.asString()
			.contains("WARN")
			.contains("CoinGecko says the monthly credits are used up (HTTP 429, error 10006: 'You have reached 10,000 "
					+ "calls limit.'): live polling slows to one attempt every 1 h and history loading waits")
			.contains("2026-02-01T00:00:00Z");
		assertThat(output).doesNotContain("Poll failed");
		Health down = this.health.health();
		assertThat(down.getStatus()).isEqualTo(Status.DOWN);
		assertThat(down.getDetails()).containsEntry("quotaExhaustedSince", start.toString())
			.containsEntry("nextAttempt", start.plus(Duration.ofHours(4)).toString())
			.containsEntry("plan", "demo")
			.containsEntry("callsThisMonth", 4L);
		assertThat(this.meters.get("crypto.coingecko.quota.exhausted").gauge().value()).isOne();
		assertThat(this.meters.get("crypto.polls").tag("outcome", "quota_exhausted").counter().count()).isEqualTo(4);

		stub.willAnswer(SimplePrices.PATH, SimplePrices.answering(this.clock::instant));
		this.clock.set(start.plus(Duration.ofHours(4)));
		assertThat(this.poller.pollIfDue()).isEqualTo(5);
		this.clock.advance(Duration.ofSeconds(298));
		assertThat(this.poller.pollIfDue()).as("back to the cadence").isEqualTo(5);

		assertThat(this.health.health().getStatus()).isEqualTo(Status.UP);
		assertThat(this.meters.get("crypto.coingecko.quota.exhausted").gauge().value()).isZero();
		assertThat(output).contains("CoinGecko answers again after refusing since " + start);
		assertThat(this.budget.snapshot().calls()).isEqualTo(stub.requests().size()).isEqualTo(6);
	}

}
