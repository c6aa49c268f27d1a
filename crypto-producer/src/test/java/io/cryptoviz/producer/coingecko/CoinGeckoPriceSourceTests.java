package io.cryptoviz.producer.coingecko;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.cryptoviz.producer.budget.BudgetProperties;
import io.cryptoviz.producer.budget.CallBudget;
import io.cryptoviz.producer.budget.PlanLimits;
import io.cryptoviz.producer.coingecko.CoinGeckoProperties.ApiKeyType;
import io.cryptoviz.producer.source.CoinQuote;
import io.cryptoviz.producer.source.PriceSnapshot;
import io.cryptoviz.producer.source.PriceSourceException;
import io.cryptoviz.producer.source.PriceSourceException.Kind;
import io.cryptoviz.testsupport.CoinGeckoStub;
import io.cryptoviz.testsupport.CoinGeckoStub.RecordedRequest;
import io.cryptoviz.testsupport.StubResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CoinGeckoPriceSourceTests {

	private static final List<String> COINS = List.of("bitcoin", "ethereum", "cardano", "solana", "polkadot");

	@RegisterExtension
	static final CoinGeckoStub stub = CoinGeckoStub.start();

	private static final Instant NOW = Instant.parse("2025-10-31T10:35:00Z");

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

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
		stub.willAnswer("/simple/price", StubResponse.fixture("simple_price.json").delayedBy(Duration.ofSeconds(3)));

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

	private PriceSourceException fetchFailure() {
		PriceSourceException failure = catchThrowableOfType(PriceSourceException.class,
				() -> source(null, ApiKeyType.DEMO).fetch(COINS));
		assertThat(failure).as("fetch should have failed").isNotNull();
		return failure;
	}

	private CoinGeckoPriceSource source(String apiKey, ApiKeyType keyType) {
		CoinGeckoProperties properties = new CoinGeckoProperties(URI.create(stub.baseUrl()), apiKey, keyType,
				Duration.ofSeconds(2), Duration.ofSeconds(1), 4000);
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		CallBudget budget = new CallBudget(properties.plan(), new PlanLimits(1000, null, Duration.ofSeconds(60)),
				new BudgetProperties(0.1, Duration.ofHours(1), Duration.ofHours(1)), clock, (instant) -> {
				}, this.meters);
		CoinGeckoClient client = new CoinGeckoClient(properties, budget, JsonMapper.builder().build(), this.meters,
				clock);
		return new CoinGeckoPriceSource(client, true, properties.baseUrl(), properties.maxUrlLength());
	}

}
