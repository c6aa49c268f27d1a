package io.cryptoviz.e2e;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cryptoviz.testsupport.CoinGeckoStub.RecordedRequest;
import io.cryptoviz.testsupport.MarketChartHistory;
import io.cryptoviz.testsupport.StubResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The backfill command as a user runs it ({@code java -jar crypto-producer-*-exec.jar --backfill ...})
 * against a CoinGecko stub serving a history in CoinGecko's shape, with the consumer, as deployed,
 * storing what it publishes in a real InfluxDB. Each test loads coins of its own.
 */
class BackfillIT extends WithConsumerPipeline {

	private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

	private static final long HOUR = Duration.ofHours(1).toMillis();

	/**
	 * Fast retries, and chunks of a day, so two days are two chunks a coin; the pace is the call budget's,
	 * which the stub's environment makes fast.
	 */
	private static final Map<String, String> SETTINGS = Map.of("CRYPTOVIZ_PRODUCER_BACKFILL_RETRY_INITIAL_INTERVAL",
			"20ms", "CRYPTOVIZ_PRODUCER_BACKFILL_MAX_CHUNK", "1d");

	@BeforeEach
	void resetStub() {
		this.pipeline.coinGecko.reset();
	}

	@Test
	void twoDaysOfTwoCoinsLandOncePerPointWithTheStubsTimesAndFiguresThenARerunChangesNothing() throws Exception {
		this.pipeline.coinGecko.willAnswer(MarketChartHistory.PATH, MarketChartHistory.answering(Instant::now));
		Instant to = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(3));
		Instant from = to.minus(Duration.ofDays(2));
		List<String> command = List.of("--backfill", "--from=" + from, "--to=" + to, "--coins=bitcoin,ethereum");

		Pipeline.CommandRun first = this.pipeline.run("crypto-producer", command, SETTINGS, COMMAND_TIMEOUT);

		assertThat(first.exitCode()).as(first.output()).isZero();
		List<Map<String, Object>> expected = new ArrayList<>();
		for (String coin : List.of("bitcoin", "ethereum")) {
			expected.addAll(expectedPoints(coin, from, to, to, HOUR));
		}
		String published = "Backfill done: 2 coins, 2 chunks each, " + expected.size() + " ticks published";
		assertThat(first.output()).contains(published);
		// 48 hours a coin, and the point at the end when its odd milliseconds happen to be 0 (its EUR
		// partner may then come 250 ms after the end)
		assertThat(expected).hasSizeBetween(2 * 48, 2 * 49)
			.filteredOn((point) -> point.get("price_eur") == null)
			.allSatisfy((point) -> assertThat(point.get("time")).isEqualTo(to.toEpochMilli()));
		await().atMost(Duration.ofSeconds(60)).until(() -> points("bitcoin", "ethereum").size() >= expected.size());
		this.pipeline.awaitConsumerCaughtUp();
		List<Map<String, Object>> stored = points("bitcoin", "ethereum");
		assertThat(stored).containsExactlyInAnyOrderElementsOf(expected);

		Pipeline.CommandRun rerun = this.pipeline.run("crypto-producer", command, SETTINGS, COMMAND_TIMEOUT);

		assertThat(rerun.exitCode()).as(rerun.output()).isZero();
		assertThat(rerun.output()).as("the same ticks, published again")
			.contains(published);
		this.pipeline.awaitConsumerCaughtUp();
		assertThat(points("bitcoin", "ethereum")).containsExactlyInAnyOrderElementsOf(stored);
	}

	@Test
	void aRateLimitMidRunIsWaitedOutAndTheLastTwoDaysLandFiveMinutelyThenHourly() throws Exception {
		AtomicInteger requests = new AtomicInteger();
		Function<RecordedRequest, StubResponse> history = MarketChartHistory.answering(Instant::now);
		this.pipeline.coinGecko.willAnswer(MarketChartHistory.PATH,
				(request) -> (requests.incrementAndGet() == 3) ? StubResponse.rateLimited(1) : history.apply(request));

		Pipeline.CommandRun run = this.pipeline.run("crypto-producer",
				List.of("--backfill", "--period=P2D", "--coins=cardano,solana"), Map.of(), COMMAND_TIMEOUT);

		assertThat(run.exitCode()).as(run.output()).isZero();
		assertThat(run.output()).contains("solana chunk 1/2 USD: CoinGecko rate limit reached (HTTP 429, Retry-After 1 s); "
				+ "retry 1 of 5 in 1 s")
			.contains("Backfill done: 2 coins, 2 chunks each")
			.contains("9 requests, 1 retry");
		List<RecordedRequest> sent = this.pipeline.coinGecko.requests();
		assertThat(sent).hasSize(9);
		assertThat(sent.get(3).query()).as("the rate-limited request, sent again").isEqualTo(sent.get(2).query());
		assertThat(Duration.between(sent.get(2).receivedAt(), sent.get(3).receivedAt()))
			.isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		List<Map<String, Object>> expected = expectedFromRequests(sent, "cardano", "solana");
		await().atMost(Duration.ofSeconds(60)).until(() -> points("cardano", "solana").size() >= expected.size());
		this.pipeline.awaitConsumerCaughtUp();
		assertThat(points("cardano", "solana")).containsExactlyInAnyOrderElementsOf(expected);
		List<Long> cardanoTimes = expected.stream()
			.filter((point) -> point.get("crypto").equals("cardano"))
			.map((point) -> (Long) point.get("time"))
			.sorted()
			.toList();
		assertThat(gapsInMinutes(cardanoTimes)).as("5-minutely for the last 23 hours, hourly before").contains(5L, 60L);
	}

	/** What the stub served for these requests, as the backfill should store it. */
	private static List<Map<String, Object>> expectedFromRequests(List<RecordedRequest> requests, String... coins) {
		List<Map<String, Object>> expected = new ArrayList<>();
		for (String coin : coins) {
			Map<String, RecordedRequest> windows = new LinkedHashMap<>();
			requests.stream()
				.filter((request) -> request.path().equals("/coins/" + coin + "/market_chart/range"))
				.filter((request) -> "usd".equals(request.queryParameter("vs_currency")))
				.forEach((request) -> windows.putIfAbsent(request.query(), request));
			Instant end = windows.values().stream().map((request) -> seconds(request, "to")).max(Instant::compareTo)
				.orElseThrow();
			for (RecordedRequest request : windows.values()) {
				Instant from = seconds(request, "from");
				Instant to = seconds(request, "to");
				long spacing = MarketChartHistory.granularity(from, to, request.receivedAt());
				expected.addAll(expectedPoints(coin, from, to, end, spacing));
			}
		}
		return expected;
	}

	/**
	 * The stub's points of a chunk as InfluxDB should hold them: USD figures, the EUR price of the
	 * same point (250 ms apart for some), no 24 h change; a point at {@code to} only for the chunk
	 * that ends the period.
	 */
	private static List<Map<String, Object>> expectedPoints(String coin, Instant from, Instant to, Instant end,
			long spacing) {
		Function<Long, Boolean> inChunk = (time) -> time >= from.toEpochMilli()
				&& (time < to.toEpochMilli() || (to.equals(end) && time == to.toEpochMilli()));
		List<MarketChartHistory.Point> eur = MarketChartHistory.points(coin, "eur", from, to, spacing);
		List<Map<String, Object>> points = new ArrayList<>();
		for (MarketChartHistory.Point usd : MarketChartHistory.points(coin, "usd", from, to, spacing)) {
			if (inChunk.apply(usd.time())) {
				Double priceEur = eur.stream()
					.filter((point) -> Math.abs(point.time() - usd.time()) <= 250 && inChunk.apply(point.time()))
					.map(MarketChartHistory.Point::price)
					.findFirst()
					.orElse(null);
				points.add(point(usd.time(), coin, "backfill", usd.price(), priceEur, null, usd.marketCap(),
						usd.volume()));
			}
		}
		return points;
	}

	/** The stored points of these coins, as maps to compare with the expected ones. */
	private List<Map<String, Object>> points(String... coins) {
		String where = Arrays.stream(coins).map((coin) -> "crypto = '" + coin + "'").collect(Collectors.joining(" OR "));
		return this.pipeline.influx.gateway()
			.query("SELECT * FROM crypto_price WHERE " + where)
			.stream()
			.map((row) -> point(row.time().toEpochMilli(), row.string("crypto"), row.string("source"),
					row.number("price_usd"), row.number("price_eur"), row.number("change_24h"),
					row.number("market_cap"), row.number("volume_24h")))
			.toList();
	}

	private static Map<String, Object> point(long time, String crypto, String source, Double priceUsd, Double priceEur,
			Double change24h, Double marketCap, Double volume24h) {
		Map<String, Object> point = new HashMap<>();
		point.put("time", time);
		point.put("crypto", crypto);
		point.put("source", source);
		point.put("price_usd", priceUsd);
		point.put("price_eur", priceEur);
		point.put("change_24h", change24h);
		point.put("market_cap", marketCap);
		point.put("volume_24h", volume24h);
		return point;
	}

	private static Instant seconds(RecordedRequest request, String parameter) {
		return Instant.ofEpochSecond(Long.parseLong(request.queryParameter(parameter)));
	}

	private static List<Long> gapsInMinutes(List<Long> times) {
		List<Long> gaps = new ArrayList<>();
		for (int i = 1; i < times.size(); i++) {
			gaps.add(Math.round((times.get(i) - times.get(i - 1)) / 60_000.0));
		}
		return gaps;
	}

}
