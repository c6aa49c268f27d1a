package io.cryptoviz.producer.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cryptoviz.producer.poll.ProducerProperties.Currency;
import io.cryptoviz.producer.poll.ProducerProperties.SourceType;
import io.cryptoviz.producer.publish.TickPublisher;
import io.cryptoviz.producer.source.CoinQuote;
import io.cryptoviz.producer.source.PriceSnapshot;
import io.cryptoviz.producer.source.PriceSource;
import io.cryptoviz.producer.source.PriceSourceException;
import io.cryptoviz.producer.source.PriceSourceException.Kind;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickSource;
import io.cryptoviz.producer.budget.BudgetProperties;
import io.cryptoviz.producer.budget.CallBudget;
import io.cryptoviz.producer.budget.Plan;
import io.cryptoviz.producer.budget.PlanLimits;
import io.cryptoviz.producer.universe.CoinUniverse;
import io.cryptoviz.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The poller's decisions, with a scripted source and a mocked publisher. */
class PricePollerTests {

	private static final Instant T0 = Instant.parse("2025-10-31T10:30:00Z");

	private final MutableClock clock = new MutableClock(T0.plusSeconds(60));

	private final ScriptedSource source = new ScriptedSource();

	private final TickPublisher publisher = mock(TickPublisher.class);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private PricePoller poller;

	@BeforeEach
	void createPoller() {
		when(this.publisher.publish(anyList())).thenAnswer((invocation) -> invocation.getArgument(0));
		ProducerProperties properties = new ProducerProperties(SourceType.COINGECKO,
				PollInterval.of(Duration.ofSeconds(10)), Set.of(Currency.USD, Currency.EUR), Duration.ofMinutes(5),
				Duration.ofMinutes(2), Duration.ofMinutes(2));
		CoinUniverse universe = mock(CoinUniverse.class);
		when(universe.coins()).thenReturn(List.of("bitcoin", "ethereum"));
		PollCadence cadence = mock(PollCadence.class);
		when(cadence.interval()).thenReturn(Duration.ofSeconds(10));
		CallBudget budget = new CallBudget(Plan.DEMO, new PlanLimits(30, 10_000L, Duration.ofSeconds(60)),
				new BudgetProperties(0.1, Duration.ofHours(1), Duration.ofHours(1)), this.clock, (instant) -> {
				}, this.meters);
		this.poller = new PricePoller(this.source, this.publisher, universe, cadence, budget, properties, this.meters,
				(event) -> {
				}, this.clock);
	}

	@Test
	void publishesOneTickPerCoinWithTheEventTimeOfTheSource() {
		this.source.next(quote("bitcoin", 100.0, T0), quote("ethereum", 10.0, T0.plusSeconds(3)));

		assertThat(this.poller.pollIfDue()).isEqualTo(2);

		assertThat(published()).containsExactly(
				new PriceTick("bitcoin", 100.0, 90.0, 1.5, 1e9, 1e8, T0, TickSource.COINGECKO),
				new PriceTick("ethereum", 10.0, 9.0, 1.5, 1e9, 1e8, T0.plusSeconds(3), TickSource.COINGECKO));
	}

	@Test
	void doesNotPublishATickWhoseTimestampHasNotMoved() {
		this.source.next(quote("bitcoin", 100.0, T0));
		this.poller.pollIfDue();
		this.clock.advance(Duration.ofSeconds(10));
		this.source.next(quote("bitcoin", 100.0, T0), quote("ethereum", 10.0, T0));

		assertThat(this.poller.pollIfDue()).isEqualTo(1);

		assertThat(lastPublished()).extracting(PriceTick::crypto).containsExactly("ethereum");
		assertThat(skipped("unchanged")).isEqualTo(1);
	}

	@Test
	void publishesAgainATickKafkaDidNotAcknowledge() {
		when(this.publisher.publish(anyList())).thenReturn(List.of())
			.thenAnswer((invocation) -> invocation.getArgument(0));
		this.source.next(quote("bitcoin", 100.0, T0));
		this.poller.pollIfDue();
		this.clock.advance(Duration.ofSeconds(10));
		this.source.next(quote("bitcoin", 100.0, T0));

		assertThat(this.poller.pollIfDue()).isEqualTo(1);
	}

	@Test
	void skipsAndCountsACoinWithoutUsdPrice() {
		this.source.next(new CoinQuote("bitcoin", null, 90.0, null, null, null, T0), quote("ethereum", 10.0, T0));

		this.poller.pollIfDue();

		assertThat(lastPublished()).extracting(PriceTick::crypto).containsExactly("ethereum");
		assertThat(skipped("no_usd_price")).isEqualTo(1);
	}

	@Test
	void leavesOutMissingFiguresInsteadOfZeroFillingThem() {
		this.source.next(new CoinQuote("bitcoin", 100.0, null, null, 0.0, null, T0));

		this.poller.pollIfDue();

		assertThat(lastPublished()).containsExactly(
				new PriceTick("bitcoin", 100.0, null, null, null, null, T0, TickSource.COINGECKO));
	}

	@Test
	void skipsATickFromTheFuture() {
		this.source.next(quote("bitcoin", 100.0, this.clock.instant().plus(Duration.ofHours(1))));

		assertThat(this.poller.pollIfDue()).isZero();

		assertThat(skipped("future_timestamp")).isEqualTo(1);
	}

	@Test
	void skipsNegativeAndNonFinitePrices() {
		this.source.next(quote("bitcoin", -5.0, T0), quote("ethereum", Double.NaN, T0));

		assertThat(this.poller.pollIfDue()).isZero();

		assertThat(skipped("invalid")).isEqualTo(2);
	}

	@Test
	void countsUnknownAndUnreadableCoins() {
		this.source.next(new PriceSnapshot(List.of(), Set.of("ethereum"), Map.of("bitcoin", "usd is not a number")));

		this.poller.pollIfDue();

		assertThat(skipped("unknown_coin")).isEqualTo(1);
		assertThat(skipped("unreadable")).isEqualTo(1);
	}

	@Test
	void afterAFailureWaitsRetryAfterBeforeAskingAgain() {
		this.source.fail(new PriceSourceException(Kind.RATE_LIMITED, "429", Duration.ofSeconds(60), null));
		this.poller.pollIfDue();
		this.source.next(quote("bitcoin", 100.0, T0));

		this.clock.advance(Duration.ofSeconds(30));
		assertThat(this.poller.pollIfDue()).isZero();
		assertThat(this.source.calls).isEqualTo(1);

		this.clock.advance(Duration.ofSeconds(30));
		assertThat(this.poller.pollIfDue()).isEqualTo(1);
		assertThat(this.meters.counter("crypto.polls", "outcome", "rate_limited").count()).isEqualTo(1);
		assertThat(this.meters.counter("crypto.polls", "outcome", "success").count()).isEqualTo(1);
	}

	@Test
	void remembersTheLastSuccessForTheHealthCheck() {
		this.source.fail(new PriceSourceException(Kind.UNAVAILABLE, "HTTP 500"));
		Instant before = this.poller.lastSuccess();
		this.clock.advance(Duration.ofSeconds(5));

		this.poller.pollIfDue();
		assertThat(this.poller.lastSuccess()).isEqualTo(before);

		this.clock.advance(Duration.ofSeconds(10));
		this.source.next(quote("bitcoin", 100.0, T0));
		this.poller.pollIfDue();
		assertThat(this.poller.lastSuccess()).isEqualTo(this.clock.instant());
		verify(this.publisher, times(1)).publish(anyList());
	}

	@Test
	void pollsNoSoonerThanTheIntervalAfterTheLastPollStarted() {
		this.source.next(quote("bitcoin", 100.0, T0));
		this.poller.pollIfDue();

		this.clock.advance(Duration.ofSeconds(9));
		assertThat(this.poller.pollIfDue()).isZero();
		assertThat(this.source.calls).isEqualTo(1);

		this.clock.advance(Duration.ofSeconds(1));
		this.source.next(quote("bitcoin", 101.0, T0.plusSeconds(10)));
		assertThat(this.poller.pollIfDue()).isEqualTo(1);
		assertThat(this.source.calls).isEqualTo(2);
	}

	@Test
	void aFailureWithAShortRetryAfterWaitsTheIntervalAllTheSame() {
		this.source.fail(new PriceSourceException(Kind.RATE_LIMITED, "429", Duration.ofSeconds(1), null));
		this.poller.pollIfDue();

		this.clock.advance(Duration.ofSeconds(5));
		this.poller.pollIfDue();

		assertThat(this.source.calls).isEqualTo(1);
		assertThat(this.poller.nextAttempt()).isEqualTo(T0.plusSeconds(70));
	}

	@Test
	void retryAfterCountsFromTheAnswerNotFromTheRequest() {
		this.source.answersAfter(Duration.ofSeconds(8));
		this.source.fail(new PriceSourceException(Kind.RATE_LIMITED, "429", Duration.ofSeconds(60), null));
		this.poller.pollIfDue();

		assertThat(this.poller.nextAttempt()).isEqualTo(T0.plusSeconds(60 + 8 + 60));
	}

	@Test
	void doesNotPublishWhenTheSourceFails() {
		this.source.fail(new PriceSourceException(Kind.MALFORMED, "not JSON"));

		this.poller.pollIfDue();

		verify(this.publisher, never()).publish(anyList());
	}

	private static CoinQuote quote(String coin, double usd, Instant at) {
		return new CoinQuote(coin, usd, usd * 0.9, 1.5, 1e9, 1e8, at);
	}

	private double skipped(String reason) {
		return this.meters.counter("crypto.ticks.skipped", "reason", reason).count();
	}

	@SuppressWarnings("unchecked")
	private List<PriceTick> published() {
		ArgumentCaptor<List<PriceTick>> captor = ArgumentCaptor.forClass(List.class);
		verify(this.publisher, org.mockito.Mockito.atLeastOnce()).publish(captor.capture());
		List<PriceTick> all = new ArrayList<>();
		captor.getAllValues().forEach(all::addAll);
		return all;
	}

	@SuppressWarnings("unchecked")
	private List<PriceTick> lastPublished() {
		ArgumentCaptor<List<PriceTick>> captor = ArgumentCaptor.forClass(List.class);
		verify(this.publisher, org.mockito.Mockito.atLeastOnce()).publish(captor.capture());
		return captor.getValue();
	}

	private final class ScriptedSource implements PriceSource {

		private PriceSnapshot snapshot = PriceSnapshot.of(List.of());

		private RuntimeException failure;

		private int calls;

		private Duration answersAfter = Duration.ZERO;

		/** The source's answer takes this long on the test's clock. */
		void answersAfter(Duration delay) {
			this.answersAfter = delay;
		}

		void next(CoinQuote... quotes) {
			next(PriceSnapshot.of(List.of(quotes)));
		}

		void next(PriceSnapshot snapshot) {
			this.snapshot = snapshot;
			this.failure = null;
		}

		void fail(RuntimeException failure) {
			this.failure = failure;
		}

		@Override
		public PriceSnapshot fetch(List<String> coins) {
			this.calls++;
			PricePollerTests.this.clock.advance(this.answersAfter);
			if (this.failure != null) {
				throw this.failure;
			}
			return this.snapshot;
		}

		@Override
		public TickSource tickSource() {
			return TickSource.COINGECKO;
		}

	}

}
