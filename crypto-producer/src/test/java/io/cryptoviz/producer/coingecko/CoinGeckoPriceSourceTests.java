package io.cryptoviz.producer.coingecko;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.cryptoviz.producer.budget.BudgetProperties;
import io.cryptoviz.producer.budget.CallBudget;
import io.cryptoviz.producer.budget.Plan;
import io.cryptoviz.producer.budget.PlanLimits;
import io.cryptoviz.producer.coingecko.CoinGeckoProperties.ApiKeyType;
import io.cryptoviz.producer.source.CoinQuote;
import io.cryptoviz.producer.source.PriceSnapshot;
import io.cryptoviz.producer.source.PriceSourceException;
import io.cryptoviz.producer.source.PriceSourceException.Kind;
import io.cryptoviz.testsupport.CoinGeckoStub;
import io.cryptoviz.testsupport.CoinGeckoStub.RecordedRequest;
import io.cryptoviz.testsupport.CoinMarkets;
import io.cryptoviz.testsupport.SimplePrices;
import io.cryptoviz.testsupport.StubResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CoinGeckoPriceSourceTests {

	/** Long enough for any answer of the stub on a busy machine (1 s was not, at a load of 30 on two cores). */
	private static final Duration READ_TIMEOUT = Duration.ofSeconds(4);

	private static final List<String> COINS = List.of("bitcoin", "ethereum", "cardano", "solana", "polkadot");

	@RegisterExtension
	static final CoinGeckoStub stub = CoinGeckoStub.start();

	private static final Instant NOW = Instant.parse("2025-10-31T10:35:00Z");

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final CallBudget budget = new CallBudget(Plan.KEYLESS, new PlanLimits(1000, null, Duration.ofSeconds(60)),
			new BudgetProperties(0.1, Duration.ofHours(1), Duration.ofHours(1)), CLOCK, (instant) -> {
			}, this.meters);

	@Test
	void asksForEveryCoinAndBothCurrenciesInOneRequest() {
		stub.willAnswer("/simple/price", StubResponse.fixture("simple_price.json"));

		source(null, ApiKeyType.DEMO).fetch(COINS);

		assertThat(stub.requests()).singleElement().satisfies((request) -> {
			assertThat(request.path()).isEqualTo("/simple/price");
			assertThat(request.queryParameter("ids")).isEqualTo("bitcoin,ethereum,cardano,solana,polkadot");
			assertThat(request.queryParameter("vs_currencies")).isEqualTo("usd,eur");
			assertThat(request.queryParameter("include_market_cap")).isEqualTo("true");
			assertThat(request.queryParameter("include_24hr_vol")).isEqualTo("true");
			assertThat(request.queryParameter("include_24hr_change")).isEqualTo("true");
			assertThat(request.queryParameter("include_last_updated_at")).isEqualTo("true");
			assertThat(request.queryParameter("precision")).isEqualTo("full");
		});
	}

	@Test
	void readsEveryCoinOfTheNormalAnswer() {
		stub.willAnswer("/simple/price", StubResponse.fixture("simple_price.json"));

		PriceSnapshot snapshot = source(null, ApiKeyType.DEMO).fetch(COINS);

		assertThat(snapshot.unknown()).isEmpty();
		assertThat(snapshot.unreadable()).isEmpty();
		assertThat(snapshot.quotes()).extracting(CoinQuote::coin).containsExactlyElementsOf(COINS);
		assertThat(snapshot.quotes().get(0)).isEqualTo(new CoinQuote("bitcoin", 109724.51234567, 98432.10987654,
				2.3412874, 2186543028396.1847, 45123456789.3321, Instant.ofEpochSecond(1761906645)));
	}

	@Test
	void leavesMissingFiguresMissingAndReportsUnknownCoins() {
		stub.willAnswer("/simple/price", StubResponse.fixture("simple_price_partial.json"));

		PriceSnapshot snapshot = source(null, ApiKeyType.DEMO).fetch(COINS);

		assertThat(snapshot.unknown()).containsExactly("polkadot");
		CoinQuote ethereum = snapshot.quotes().get(1);
		assertThat(ethereum.coin()).isEqualTo("ethereum");
		assertThat(ethereum.eur()).isNull();
		assertThat(ethereum.marketCap()).isNull();
		assertThat(ethereum.usd()).isEqualTo(3860.02);
		assertThat(snapshot.quotes().get(0).usd()).isEqualTo(109801.0);
	}

	@Test
	void reportsAnEntryWithAWrongTypeAsUnreadableAndKeepsTheOthers() {
		stub.willAnswer("/simple/price", StubResponse.ok("""
				{"bitcoin":{"usd":"lots","last_updated_at":1761906645},
				 "ethereum":{"usd":3862.1,"last_updated_at":1761906641},
				 "cardano":[1,2,3]}"""));

		PriceSnapshot snapshot = source(null, ApiKeyType.DEMO).fetch(List.of("bitcoin", "ethereum", "cardano"));

		assertThat(snapshot.quotes()).extracting(CoinQuote::coin).containsExactly("ethereum");
		assertThat(snapshot.unreadable()).containsOnlyKeys("bitcoin", "cardano");
		assertThat(snapshot.unreadable().get("bitcoin")).contains("usd is not a number");
	}

	@Test
	void sendsADemoKeyAsTheDemoHeaderAndNeverInTheQuery() {
		stub.willAnswer("/simple/price", StubResponse.fixture("simple_price.json"));

		source("demo-key-123", ApiKeyType.DEMO).fetch(COINS);

		RecordedRequest request = stub.requests().get(0);
		assertThat(request.headers()).containsEntry("x-cg-demo-api-key", "demo-key-123")
			.doesNotContainKey("x-cg-pro-api-key");
		assertThat(request.query()).doesNotContain("demo-key-123");
	}

	@Test
	void sendsAProKeyAsTheProHeader() {
		stub.willAnswer("/simple/price", StubResponse.fixture("simple_price.json"));

		source("pro-key-456", ApiKeyType.PRO).fetch(COINS);

		assertThat(stub.requests().get(0).headers()).containsEntry("x-cg-pro-api-key", "pro-key-456")
			.doesNotContainKey("x-cg-demo-api-key");
	}

	@Test
	void sendsNoKeyHeaderWithoutAKey() {
		stub.willAnswer("/simple/price", StubResponse.fixture("simple_price.json"));

		source(null, ApiKeyType.DEMO).fetch(COINS);

		assertThat(stub.requests().get(0).headers()).doesNotContainKeys("x-cg-demo-api-key", "x-cg-pro-api-key");
	}

	@Test
	void whenRateLimitedThenReportsRetryAfter() {
		stub.willAnswer("/simple/price", StubResponse.rateLimited(60));

		PriceSourceException failure = fetchFailure();

		assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
		assertThat(failure.retryAfter()).contains(Duration.ofSeconds(60));
		assertThat(failure.getMessage()).isEqualTo("CoinGecko rate limit reached (HTTP 429, Retry-After 60 s)");
	}

	@Test
	void whenRateLimitedWithAnHttpDateThenWaitsUntilThatDate() {
		stub.willAnswer("/simple/price",
				StubResponse.rateLimited(null).withHeader("Retry-After", "Fri, 31 Oct 2025 10:35:30 GMT"));

		assertThat(fetchFailure().retryAfter()).contains(Duration.ofSeconds(30));
	}

	@Test
	void whenRateLimitedWithoutRetryAfterThenHasNoRetryAfter() {
		stub.willAnswer("/simple/price", StubResponse.rateLimited(null));

		PriceSourceException failure = fetchFailure();

		assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
		assertThat(failure.retryAfter()).isEmpty();
	}

	@Test
	void whenTheServerFailsThenIsUnavailable() {
		stub.willAnswer("/simple/price", StubResponse.status(503, "<html><body>Service Unavailable</body></html>"));

		PriceSourceException failure = fetchFailure();

		assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
		assertThat(failure.getMessage()).isEqualTo("CoinGecko answered HTTP 503");
	}

	@Test
	void whenTheKeyIsRefusedThenSaysWhichSettingToCheck() {
		stub.willAnswer("/simple/price", StubResponse.status(401, "{\"status\":{\"error_code\":10002,\"error_message\":\"API Key Missing\"}}"));

		PriceSourceException failure = fetchFailure();

		assertThat(failure.kind()).isEqualTo(Kind.REJECTED);
		assertThat(failure.getMessage()).isEqualTo(
				"CoinGecko refused the request: HTTP 401: 'API Key Missing' (check cryptoviz.coingecko.api-key and api-key-type)");
	}

	@Test
	void whenTheAnswerIsTooSlowThenIsUnavailable() {
		stub.willAnswer("/simple/price", StubResponse.fixture("simple_price.json").delayedBy(READ_TIMEOUT.multipliedBy(2)));

		PriceSourceException failure = fetchFailure();

		assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
		assertThat(failure.getMessage()).isEqualTo("CoinGecko did not answer: timed out");
	}

	@Test
	void whenTheBodyIsTruncatedThenIsMalformed() {
		stub.willAnswer("/simple/price", StubResponse.ok("{\"bitcoin\":{\"usd\":1097"));

		assertThat(fetchFailure().kind()).isEqualTo(Kind.MALFORMED);
	}

	@Test
	void whenTheBodyIsAnHtmlPageThenIsMalformed() {
		stub.willAnswer("/simple/price", StubResponse.ok("<!DOCTYPE html><html><body>Just a moment...</body></html>"));

		PriceSourceException failure = fetchFailure();

		assertThat(failure.kind()).isEqualTo(Kind.MALFORMED);
		assertThat(failure.getMessage()).contains("not JSON").contains("Just a moment");
	}

	@Test
	void whenTheBodyIsNotAnObjectThenIsMalformed() {
		stub.willAnswer("/simple/price", StubResponse.ok("[1,2,3]"));

		assertThat(fetchFailure().kind()).isEqualTo(Kind.MALFORMED);
	}

	@Test
	void timesEveryRequestByOutcome() {
		stub.willAnswer("/simple/price", StubResponse.fixture("simple_price.json"), StubResponse.rateLimited(1));
		CoinGeckoPriceSource source = source(null, ApiKeyType.DEMO);

		source.fetch(COINS);
		catchThrowableOfType(PriceSourceException.class, () -> source.fetch(COINS));

		assertThat(this.meters.get("crypto.coingecko.requests").tag("outcome", "success").timer().count()).isOne();
		assertThat(this.meters.get("crypto.coingecko.requests").tag("outcome", "rate_limited").timer().count()).isOne();
	}

	@Test
	void whenTheMonthlyCreditsAreUsedUpThenSaysSoAndTellsTheBudget() {
		stub.willAnswer("/simple/price", StubResponse.quotaExhausted());

		PriceSourceException failure = fetchFailure();

		assertThat(failure.kind()).isEqualTo(Kind.QUOTA_EXHAUSTED);
		assertThat(failure.getMessage()).isEqualTo("CoinGecko says the monthly credits are used up (HTTP 429, error "
				+ "10006: 'You have reached 10,000 calls limit.')");
		assertThat(this.budget.isQuotaExhausted()).isTrue();
		assertThat(this.meters.get("crypto.coingecko.requests").tag("outcome", "quota_exhausted").timer().count())
			.isOne();
	}

	@Test
	void splitsTheIdsSoNoUrlIsLongerThanAllowedWithEveryCurrencyInEachRequest() {
		stub.refusingUrlsLongerThan(4000);
		stub.willAnswer("/simple/price", SimplePrices.answering(() -> NOW));
		List<String> coins = CoinMarkets.ids(1000);
		CoinGeckoPriceSource source = source(null, ApiKeyType.DEMO, 4000);

		PriceSnapshot snapshot = source.fetch(coins);

		assertThat(snapshot.quotes()).extracting(CoinQuote::coin).containsExactlyElementsOf(coins);
		assertThat(stub.requests()).hasSize(source.requestsFor(coins)).hasSize(5).allSatisfy((request) -> {
			assertThat(request.url(stub.baseUrl()).length()).isLessThanOrEqualTo(4000);
			assertThat(request.queryParameter("vs_currencies")).isEqualTo("usd,eur");
		});
		// each but the last is as full as the next id allows (the ids are at most 24 characters)
		assertThat(stub.requests().subList(0, 4))
			.allSatisfy((request) -> assertThat(request.url(stub.baseUrl()).length()).isGreaterThan(4000 - 25));
	}

	@Test
	void withoutSplittingTheStubRefusesTheUrlAsCoinGeckoWould() {
		stub.refusingUrlsLongerThan(4000);
		stub.willAnswer("/simple/price", SimplePrices.answering(() -> NOW));

		PriceSourceException failure = catchThrowableOfType(PriceSourceException.class,
				() -> source(null, ApiKeyType.DEMO, 100_000).fetch(CoinMarkets.ids(1000)));

		assertThat(failure.getMessage()).startsWith("CoinGecko refused the request: HTTP 414");
	}

	@Test
	void readsTheTopCoinsFromTheMarketsListAndLeavesOutIdsThatAreNotCoinIds() {
		stub.willAnswer("/coins/markets", StubResponse.fixture("coins_markets.json"));
		CoinGeckoTopCoins top = new CoinGeckoTopCoins(client(null, ApiKeyType.DEMO, 4000));

		assertThat(top.top(3)).containsExactly("bitcoin", "ethereum", "tether");
		assertThat(stub.requests()).singleElement().satisfies((request) -> {
			assertThat(request.queryParameter("vs_currency")).isEqualTo("usd");
			assertThat(request.queryParameter("order")).isEqualTo("market_cap_desc");
			assertThat(request.queryParameter("per_page")).isEqualTo("3");
		});

		stub.willAnswer("/coins/markets", StubResponse.ok("[{\"id\":\"Not An Id\"},{\"id\":\"bitcoin\"}]"));
		assertThat(top.top(3)).containsExactly("bitcoin");
	}

	@Test
	void asksForTheTopThousandInFourPagesOf250() {
		stub.willAnswer("/coins/markets", CoinMarkets.answering(() -> CoinMarkets.ids(1200)));

		List<String> top = new CoinGeckoTopCoins(client(null, ApiKeyType.DEMO, 4000)).top(1000);

		assertThat(top).containsExactlyElementsOf(CoinMarkets.ids(1000));
		assertThat(stub.requests()).extracting((request) -> request.queryParameter("page") + "/"
				+ request.queryParameter("per_page"))
			.containsExactly("1/250", "2/250", "3/250", "4/250");
	}

	private PriceSourceException fetchFailure() {
		PriceSourceException failure = catchThrowableOfType(PriceSourceException.class,
				() -> source(null, ApiKeyType.DEMO).fetch(COINS));
		assertThat(failure).as("fetch should have failed").isNotNull();
		return failure;
	}

	private CoinGeckoPriceSource source(String apiKey, ApiKeyType keyType) {
		return source(apiKey, keyType, 4000);
	}

	private CoinGeckoPriceSource source(String apiKey, ApiKeyType keyType, int maxUrlLength) {
		return new CoinGeckoPriceSource(client(apiKey, keyType, maxUrlLength), true, URI.create(stub.baseUrl()),
				maxUrlLength);
	}

	private CoinGeckoClient client(String apiKey, ApiKeyType keyType, int maxUrlLength) {
		CoinGeckoProperties properties = new CoinGeckoProperties(URI.create(stub.baseUrl()), apiKey, keyType,
				Duration.ofSeconds(4), READ_TIMEOUT, maxUrlLength);
		return new CoinGeckoClient(properties, this.budget, JsonMapper.builder().build(), this.meters, CLOCK);
	}

}
