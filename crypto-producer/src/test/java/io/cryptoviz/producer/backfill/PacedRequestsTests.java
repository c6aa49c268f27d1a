package io.cryptoviz.producer.backfill;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

import io.cryptoviz.producer.source.PriceSourceException;
import io.cryptoviz.producer.source.PriceSourceException.Kind;
import io.cryptoviz.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Pacing and retries, on a clock that the waits move, so nothing really waits. */
class PacedRequestsTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));

	private final List<Duration> waits = new ArrayList<>();

	private final List<Instant> sent = new ArrayList<>();

	private final PacedRequests requests = new PacedRequests(new BackfillProperties(3, Duration.ofSeconds(5),
			Duration.ofSeconds(12), Duration.ofDays(90), Duration.ofMinutes(1)), (duration) -> {
				this.waits.add(duration);
				this.clock.advance(duration);
			});

	@Test
	void doesNotTryAgainWhenTheMonthlyCreditsAreUsedUp() {
		BackfillException failure = catchThrowableOfType(BackfillException.class,
				() -> this.requests.call("bitcoin chunk 1/2 USD", script(new PriceSourceException(Kind.QUOTA_EXHAUSTED,
						"CoinGecko says the monthly credits are used up (HTTP 429, error 10006: 'You have reached "
								+ "10,000 calls limit.')"), "ok")));

		assertThat(failure).hasMessage("bitcoin chunk 1/2 USD: CoinGecko says the monthly credits are used up "
				+ "(HTTP 429, error 10006: 'You have reached 10,000 calls limit.')");
		assertThat(this.requests.requests()).isEqualTo(1);
		assertThat(this.waits).isEmpty();
	}

	@Test
	void waitsWhatRetryAfterSaysThenTriesAgain() {
		String answer = this.requests.call("bitcoin chunk 1/2 USD",
				script(new PriceSourceException(Kind.RATE_LIMITED, "CoinGecko rate limit reached (HTTP 429, Retry-After 60 s)",
						Duration.ofSeconds(60), null), "ok"));

		assertThat(answer).isEqualTo("ok");
		assertThat(this.waits).containsExactly(Duration.ofSeconds(60));
		assertThat(this.requests.retries()).isEqualTo(1);
		assertThat(this.requests.requests()).isEqualTo(2);
	}

	@Test
	void doublesTheWaitWhenNoRetryAfterIsGivenUpToTheLongest() {
		String answer = this.requests.call("bitcoin chunk 1/2 USD", script(unavailable(), unavailable(),
				new PriceSourceException(Kind.RATE_LIMITED, "CoinGecko rate limit reached (HTTP 429)"), "ok"));

		assertThat(answer).isEqualTo("ok");
		assertThat(this.waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(12));
	}

	@Test
	void givesUpAfterTheLastRetryWithTheReasonAndTheRequest() {
		BackfillException failure = catchThrowableOfType(BackfillException.class, () -> this.requests
			.call("ethereum chunk 2/3 EUR", script(unavailable(), unavailable(), unavailable(), unavailable(), "ok")));

		assertThat(failure.isUsage()).isFalse();
		assertThat(failure).hasMessage("ethereum chunk 2/3 EUR: CoinGecko answered HTTP 503; gave up after 3 retries "
				+ "(cryptoviz.producer.backfill.max-retries)");
		assertThat(this.requests.requests()).isEqualTo(4);
	}

	@Test
	void doesNotTryAgainWhatCoinGeckoRefused() {
		BackfillException failure = catchThrowableOfType(BackfillException.class,
				() -> this.requests.call("dogecoinz chunk 1/1 USD",
						script(new PriceSourceException(Kind.REJECTED,
								"CoinGecko refused the request: HTTP 404: 'coin not found'"), "ok")));

		assertThat(failure).hasMessage("dogecoinz chunk 1/1 USD: CoinGecko refused the request: HTTP 404: 'coin not found'");
		assertThat(this.requests.requests()).isEqualTo(1);
		assertThat(this.waits).isEmpty();
	}

	private Supplier<String> script(Object... outcomes) {
		Deque<Object> queue = new ArrayDeque<>(List.of(outcomes));
		return () -> {
			this.sent.add(this.clock.instant());
			Object outcome = queue.poll();
			if (outcome instanceof PriceSourceException ex) {
				throw ex;
			}
			return (String) outcome;
		};
	}

	private static PriceSourceException unavailable() {
		return new PriceSourceException(Kind.UNAVAILABLE, "CoinGecko answered HTTP 503");
	}

}
