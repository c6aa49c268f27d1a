package io.cryptoviz.producer.backfill;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.cryptoviz.testsupport.CoinGeckoStub;
import io.cryptoviz.testsupport.CoinGeckoStub.RecordedRequest;
import io.cryptoviz.testsupport.MarketChartHistory;
import io.cryptoviz.testsupport.StubResponse;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The backfill against a real (embedded) Kafka broker and a CoinGecko stub serving a history in
 * CoinGecko's shape: what lands on the topic. Each test uses coins or times of its own, so they
 * share the topic without seeing each other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "cryptoviz.producer.polling-enabled=false", "cryptoviz.coingecko.plans.keyless.calls-per-minute=6000",
				"cryptoviz.producer.backfill.retry-initial-interval=10ms", "cryptoviz.producer.backfill.max-retries=2" })
@EmbeddedKafka(partitions = 3)
class BackfillFlowTests {

	@RegisterExtension
	static final CoinGeckoStub stub = CoinGeckoStub.start();

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration NINETY_DAYS = Duration.ofDays(90);

	private static final long HOUR = Duration.ofHours(1).toMillis();

	private static final long FIVE_MINUTES = Duration.ofMinutes(5).toMillis();

	@Autowired
	private Backfill backfill;

	@Autowired
	private EmbeddedKafkaBroker broker;

	@DynamicPropertySource
	static void coinGecko(DynamicPropertyRegistry registry) {
		registry.add("cryptoviz.coingecko.base-url", stub::baseUrl);
	}

	@Test
	void twoDaysOfTwoCoinsArriveOnceEachWithTheStubsTimesAndFiguresUsdAndEurMerged() {
		Instant now = Instant.now();
		stub.willAnswer(MarketChartHistory.PATH, MarketChartHistory.answering(() -> now));
		BackfillPlan plan = BackfillPlan.of(List.of("bitcoin", "ethereum"), now.minus(Duration.ofDays(2)), now, now,
				NINETY_DAYS);

		BackfillReport report = this.backfill.run(plan);

		List<ConsumerRecord<String, String>> records = records(Set.of("bitcoin", "ethereum"), plan.from());
		List<PriceTick> expected = expectedTicks(plan, now);
		assertThat(records).extracting(BackfillFlowTests::tick).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(records).allSatisfy((record) -> {
			assertThat(record.key()).isEqualTo(tick(record).crypto());
			assertThat(record.value()).as("no 24 h change in the history").doesNotContain("change_24h");
		});
		assertThat(expected).filteredOn((tick) -> tick.priceEur() != null).hasSizeGreaterThan(expected.size() / 2);
		// the last 23 hours 5-minutely, the day before hourly
		List<Long> bitcoinTimes = expected.stream()
			.filter((tick) -> tick.crypto().equals("bitcoin"))
			.map((tick) -> tick.timestamp().toEpochMilli())
			.sorted()
			.toList();
		assertThat(gaps(bitcoinTimes)).contains(FIVE_MINUTES, HOUR).allMatch((gap) -> gap <= HOUR + 1000);
		assertThat(report.ticksPublished()).isEqualTo(expected.size());
		assertThat(report.requests()).isEqualTo(8);
		assertThat(report.retries()).isZero();
		assertThat(stub.requests()).hasSize(8).allSatisfy((request) -> {
			assertThat(request.path()).matches("/coins/(bitcoin|ethereum)/market_chart/range");
			assertThat(request.queryParameter("vs_currency")).isIn("usd", "eur");
			assertThat(request.queryParameter("precision")).isEqualTo("full");
		});
		assertThat(stub.requests("/simple/price")).as("the live poller is off").isEmpty();
	}

	@Test
	void keepsTheMillisecondsAndFiguresOfCoinGeckosAnswerAsTheyCome() {
		stub.willAnswer(MarketChartHistory.PATH, StubResponse.fixture("market_chart_range.json"));
		Instant from = Instant.parse("2024-10-31T00:00:00Z");
		Instant to = Instant.parse("2024-10-31T02:00:01Z");
		BackfillPlan plan = BackfillPlan.of(List.of("bitcoin"), from, to, to.plusSeconds(300), NINETY_DAYS);

		this.backfill.run(plan);

		List<PriceTick> ticks = records(Set.of("bitcoin"), from).stream()
			.map(BackfillFlowTests::tick)
			.filter((tick) -> tick.timestamp().isBefore(to))
			.toList();
		assertThat(ticks).hasSize(25);
		assertThat(ticks).extracting((tick) -> tick.timestamp().toEpochMilli())
			.contains(1730332800000L, 1730333100037L, 1730340000888L);
		assertThat(ticks).filteredOn((tick) -> tick.timestamp().toEpochMilli() == 1730333100037L)
			.singleElement()
			.isEqualTo(new PriceTick("bitcoin", 72021.20221635, 72021.20221635, null, 1424579379839.4504,
					31012345678.9, Instant.ofEpochMilli(1730333100037L), TickSource.BACKFILL));
		assertThat(stub.requests()).extracting((request) -> request.queryParameter("from") + "-"
				+ request.queryParameter("to") + "-" + request.queryParameter("vs_currency"))
			.containsExactly("1730332800-1730340001-usd", "1730332800-1730340001-eur");
	}

	@Test
	void waitsOutARateLimitMidRunAndCompletes() {
		Instant now = Instant.now();
		AtomicInteger calls = new AtomicInteger();
		var history = MarketChartHistory.answering(() -> now);
		stub.willAnswer(MarketChartHistory.PATH, (request) -> (calls.incrementAndGet() == 3)
				? StubResponse.rateLimited(1) : history.apply(request));
		BackfillPlan plan = twoOldDays(List.of("gamma-coin", "delta-coin"), now);

		BackfillReport report = this.backfill.run(plan);

		assertThat(report.retries()).isEqualTo(1);
		assertThat(report.requests()).isEqualTo(5);
		assertThat(records(Set.of("gamma-coin", "delta-coin"), plan.from())).extracting(BackfillFlowTests::tick)
			.containsExactlyInAnyOrderElementsOf(expectedTicks(plan, now));
		List<RecordedRequest> requests = stub.requests();
		assertThat(requests.get(3).query()).as("the refused request, sent again").isEqualTo(requests.get(2).query());
		assertThat(Duration.between(requests.get(2).receivedAt(), requests.get(3).receivedAt()))
			.as("Retry-After: 1").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void aSecondRunOverTheSamePeriodPublishesTheSameTicks() {
		Instant now = Instant.now();
		stub.willAnswer(MarketChartHistory.PATH, MarketChartHistory.answering(() -> now));
		BackfillPlan plan = twoOldDays(List.of("epsilon-coin"), now);

		this.backfill.run(plan);
		List<String> first = values(records(Set.of("epsilon-coin"), plan.from()));
		this.backfill.run(plan);
		List<String> both = values(records(Set.of("epsilon-coin"), plan.from()));

		assertThat(first).hasSize(48);
		assertThat(both).hasSize(96);
		assertThat(both.stream().distinct().sorted().toList()).isEqualTo(first.stream().sorted().toList());
	}

	@Test
	void failsAfterTheLastRetryAndSaysHowToResume() {
		Instant now = Instant.now();
		var history = MarketChartHistory.answering(() -> now);
		BackfillPlan plan = BackfillPlan.of(List.of("zeta-coin"), Instant.parse("2026-01-10T00:00:00Z"),
				Instant.parse("2026-01-12T00:00:00Z"), now, Duration.ofDays(1));
		String olderChunkFrom = String.valueOf(plan.chunks().get(1).from().getEpochSecond());
		stub.willAnswer(MarketChartHistory.PATH, (request) -> olderChunkFrom.equals(request.queryParameter("from"))
				? StubResponse.status(503, "{}") : history.apply(request));

		BackfillException failure = catchThrowableOfType(BackfillException.class, () -> this.backfill.run(plan));

		assertThat(failure).hasMessage("zeta-coin chunk 2/2 USD: CoinGecko answered HTTP 503; gave up after 2 retries "
				+ "(cryptoviz.producer.backfill.max-retries); run the backfill again to finish "
				+ "(--from=2026-01-10T00:00:00Z --to=2026-01-11T00:00:00Z, --coins=zeta-coin): "
				+ "ticks published already land on the same points");
		assertThat(failure.isUsage()).isFalse();
		assertThat(stub.requests()).hasSize(2 + 3);
		assertThat(records(Set.of("zeta-coin"), plan.from())).as("the newer chunk, published before the failure")
			.hasSize(24)
			.allSatisfy((record) -> assertThat(tick(record).timestamp()).isAfterOrEqualTo("2026-01-11T00:00:00Z"));
	}

	@Test
	void stopsAtOnceWhenCoinGeckoDoesNotKnowTheCoin() {
		stub.willAnswer(MarketChartHistory.PATH, StubResponse.status(404, "{\"error\":\"coin not found\"}"));
		BackfillPlan plan = twoOldDays(List.of("eta-coin"), Instant.now());

		BackfillException failure = catchThrowableOfType(BackfillException.class, () -> this.backfill.run(plan));

		assertThat(failure).hasMessageStartingWith(
				"eta-coin chunk 1/1 USD: CoinGecko refused the request: HTTP 404: 'coin not found'; run the backfill again");
		assertThat(stub.requests()).hasSize(1);
	}

	/**
	 * Two days a week ago, from and to on the hour: one hourly chunk, 48 points a coin (the point of
	 * the last hour comes some milliseconds after the end).
	 */
	private static BackfillPlan twoOldDays(List<String> coins, Instant now) {
		Instant to = now.minus(Duration.ofDays(7)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
		return BackfillPlan.of(coins, to.minus(Duration.ofDays(2)), to, now, NINETY_DAYS);
	}

	/** What the stub's history holds for the plan, merged as the backfill should. */
	private static List<PriceTick> expectedTicks(BackfillPlan plan, Instant now) {
		List<PriceTick> ticks = new ArrayList<>();
		for (Chunk chunk : plan.chunks()) {
			long spacing = MarketChartHistory.granularity(chunk.from(), chunk.to(), now);
			for (String coin : plan.coins()) {
				List<MarketChartHistory.Point> eur = MarketChartHistory.points(coin, "eur", chunk.from(),
						chunk.to().plusSeconds(1), spacing);
				for (MarketChartHistory.Point usd : MarketChartHistory.points(coin, "usd", chunk.from(), chunk.to(),
						spacing)) {
					if (chunk.contains(usd.time())) {
						// the EUR point of the same 5 minutes: the same time, or 250 ms later for some
						Double priceEur = eur.stream()
							.filter((point) -> Math.abs(point.time() - usd.time()) <= 250)
							.filter((point) -> chunk.contains(point.time()))
							.map(MarketChartHistory.Point::price)
							.findFirst()
							.orElse(null);
						ticks.add(new PriceTick(coin, usd.price(), priceEur, null, usd.marketCap(), usd.volume(),
								Instant.ofEpochMilli(usd.time()), TickSource.BACKFILL));
					}
				}
			}
		}
		return ticks;
	}

	private static List<Long> gaps(List<Long> times) {
		List<Long> gaps = new ArrayList<>();
		for (int i = 1; i < times.size(); i++) {
			// the odd milliseconds move by 37 ms a step; round to the second
			gaps.add(Math.round((times.get(i) - times.get(i - 1)) / 1000.0) * 1000);
		}
		return gaps;
	}

	private static PriceTick tick(ConsumerRecord<String, String> record) {
		return json.readValue(record.value(), PriceTick.class);
	}

	private static List<String> values(List<ConsumerRecord<String, String>> records) {
		return records.stream().map(ConsumerRecord::value).toList();
	}

	/** The records of these coins whose event time is not before {@code since}, from the whole topic. */
	private List<ConsumerRecord<String, String>> records(Set<String> coins, Instant since) {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString(),
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new StringDeserializer(), new StringDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor("crypto-prices")
				.stream()
				.map((partition) -> new TopicPartition(partition.topic(), partition.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))
					&& System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		return records.stream()
			.filter((record) -> coins.contains(record.key()))
			.filter((record) -> !tick(record).timestamp().isBefore(since))
			.sorted(Comparator.comparing(ConsumerRecord::offset))
			.toList();
	}

}
