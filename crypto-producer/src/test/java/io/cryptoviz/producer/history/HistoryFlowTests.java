package io.cryptoviz.producer.history;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.cryptoviz.producer.MovableTime;
import io.cryptoviz.producer.ProducerApplication;
import io.cryptoviz.producer.budget.CallBudget;
import io.cryptoviz.producer.poll.PricePoller;
import io.cryptoviz.producer.universe.CoinUniverse;
import io.cryptoviz.testsupport.CoinGeckoStub;
import io.cryptoviz.testsupport.CoinGeckoStub.RecordedRequest;
import io.cryptoviz.testsupport.CoinMarkets;
import io.cryptoviz.testsupport.MarketChartHistory;
import io.cryptoviz.testsupport.MutableClock;
import io.cryptoviz.testsupport.SimplePrices;
import io.cryptoviz.testsupport.StubResponse;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickJson;
import io.cryptoviz.tick.TickSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * History that heals itself, on the CoinGecko stub and a real (embedded) broker, on a clock the test moves:
 * each run is a producer started and stopped as a user would, the next one going on from where the last
 * left the clock, all on one topic of the test's own. What each run published is read back from the topic
 * and compared with the stub's series point by point; the consumer stores a tick per coin and time, so a
 * tick on the topic twice is one point.
 */
class HistoryFlowTests {

	/**
	 * A day ago: the records' timestamps are the producer's clock, and the broker drops records older than the
	 * topic's retention and refuses records far in the future.
	 */
	private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(1));

	private static final long FIVE_MINUTES = Duration.ofMinutes(5).toMillis();

	private static final long HOUR = Duration.ofHours(1).toMillis();

	private static final List<String> COINS = List.of("bitcoin", "ethereum");

	private static final CoinGeckoStub stub = CoinGeckoStub.start();

	private static EmbeddedKafkaKraftBroker kafka;

	private final List<Run> runs = new ArrayList<>();

	/** The market chart requests the stub answered, with the time on the clock of the run that asked. */
	private final List<Asked> asked = new CopyOnWriteArrayList<>();

	private final String topic = "ticks-" + UUID.randomUUID();

	private volatile MutableClock clock = new MutableClock(T0);

	@BeforeAll
	static void startBroker() {
		kafka = new EmbeddedKafkaKraftBroker(1, 1);
		kafka.afterPropertiesSet();
	}

	@AfterAll
	static void stopBrokerAndStub() {
		kafka.destroy();
		stub.close();
	}

	@BeforeEach
	void healthyStub() {
		stub.reset();
		stub.willAnswer(SimplePrices.PATH, SimplePrices.answering(() -> this.clock.instant()));
		answerHistory((request) -> MarketChartHistory.answering(() -> this.clock.instant()).apply(request));
	}

	@AfterEach
	void stopRuns() {
		this.runs.forEach(Run::stop);
	}

	@Test
	void aFreshStartLoadsTheDefaultPeriodOnceWithinTheBudgetAndARestartWithoutAGapLoadsNothing() {
		Run first = start(T0);
		Instant scannedAt = awaitIdle(first).lastScan().at();

		assertThat(scannedAt).isEqualTo(T0);
		Map<String, List<PriceTick>> loaded = history();
		for (String coin : COINS) {
			// 29 days hourly, then the last 23 hours 5-minutely: the stub's every point, each once
			assertThat(times(loaded.get(coin))).as(coin).doesNotHaveDuplicates()
				.containsExactlyInAnyOrderElementsOf(servedTimes(coin));
			assertThat(loaded.get(coin).get(0).timestamp()).isBetween(T0.minus(Duration.ofDays(30)),
					T0.minus(Duration.ofDays(30)).plusMillis(HOUR));
			// CoinGecko's times carry odd milliseconds
			assertThat(largestStep(loaded.get(coin))).isLessThanOrEqualTo(HOUR + 1000);
			assertThat(loaded.get(coin)).allSatisfy((tick) -> assertThat(tick.timestamp())
				.isBetween(T0.minus(Duration.ofDays(30)), T0));
		}
		// two chunks a coin, in USD and in EUR
		assertThat(this.asked).hasSize(COINS.size() * 2 * 2);
		CallBudget budget = first.context.getBean(CallBudget.class);
		assertThat(budget.snapshot().historyCalls()).isEqualTo(this.asked.size());
		Duration spacing = budget.historySpacing();
		for (int i = 1; i < this.asked.size(); i++) {
			assertThat(Duration.between(this.asked.get(i - 1).at(), this.asked.get(i).at()))
				.as("history calls are spaced as the budget leaves room for live polling")
				.isGreaterThanOrEqualTo(spacing);
		}
		MeterRegistry meters = first.context.getBean(MeterRegistry.class);
		assertThat(meters.get("crypto.history.gaps.found").tag("cause", "fresh").counter().count()).isEqualTo(2);
		assertThat(meters.get("crypto.history.gaps.filled").counter().count()).isEqualTo(2);
		assertThat(meters.get("crypto.history.ticks.loaded").counter().count())
			.isEqualTo(loaded.values().stream().mapToInt(List::size).sum());
		assertThat(meters.get("crypto.history.coins.pending").gauge().value()).isZero();
		int requests = this.asked.size();
		int ticks = historyRecords();
		Instant stopped = first.stop();

		Run second = start(stopped.plus(Duration.ofMinutes(1)));
		HistoryLoader.Progress progress = awaitIdle(second);

		assertThat(progress.lastScan().found()).isEqualTo(COINS.size());
		assertThat(progress.stepsDone()).isZero();
		assertThat(this.asked).hasSize(requests);
		assertThat(historyRecords()).isEqualTo(ticks);
	}

	@Test
	void aRestartAfterThirtyMinutesLoadsExactlyTheGap() {
		Run first = start(T0, "cryptoviz.producer.history.period=0");
		awaitIdle(first);
		pollFor(first, Duration.ofMinutes(20));
		Instant lastTick = lastLiveTick();
		Instant stopped = first.stop();
		assertThat(this.asked).isEmpty();

		Instant restart = stopped.plus(Duration.ofMinutes(30));
		Run second = start(restart, "cryptoviz.producer.history.period=0");
		awaitIdle(second);

		Map<String, List<PriceTick>> loaded = history();
		for (String coin : COINS) {
			List<Long> expected = fiveMinutely(coin, lastTick, restart);
			// every 5-minute point of the stub's series from the last tick to the restart, nothing outside
			assertThat(times(loaded.get(coin))).as(coin).containsExactlyInAnyOrderElementsOf(expected);
			assertThat(expected).hasSizeBetween(6, 8);
		}
		assertThat(this.asked).hasSize(COINS.size() * 2)
			.allSatisfy((request) -> assertThat(seconds(request.request(), "from"))
				.isEqualTo(lastTick.truncatedTo(ChronoUnit.SECONDS)));
		MeterRegistry meters = second.context.getBean(MeterRegistry.class);
		assertThat(meters.get("crypto.history.gaps.found").tag("cause", "restart").counter().count()).isEqualTo(2);
	}

	@Test
	void anInterruptionMidLoadThenARestartEndsWithEveryPointOnce() {
		List<String> coins = List.of("bitcoin", "ethereum", "cardano");
		Function<RecordedRequest, StubResponse> history = MarketChartHistory.answering(() -> this.clock.instant());
		// the fifth request is slow: the producer is stopped while it is on its way
		answerHistory((request) -> (this.asked.size() == 5) ? history.apply(request).delayedBy(Duration.ofSeconds(2))
				: history.apply(request));
		Run first = start(T0, "cryptoviz.coins=" + String.join(",", coins));
		await().atMost(Duration.ofSeconds(60)).until(() -> this.asked.size() >= 5);
		Instant stopped = first.stop();
		int askedBefore = this.asked.size();
		assertThat(askedBefore).as("stopped mid-load").isLessThan(coins.size() * 4);

		Run second = start(stopped.plus(Duration.ofMinutes(1)), "cryptoviz.coins=" + String.join(",", coins));
		HistoryLoader.Progress progress = awaitIdle(second);

		assertThat(progress.stepsDone()).as("the restart did what was left").isBetween(1L,
				(long) coins.size() * 2);
		Map<String, List<PriceTick>> loaded = history();
		for (String coin : coins) {
			List<Long> times = times(loaded.get(coin));
			assertThat(new TreeSet<>(times)).as(coin).containsExactlyElementsOf(new TreeSet<>(servedTimes(coin)));
			assertThat(times.get(0)).isLessThanOrEqualTo(T0.minus(Duration.ofDays(30)).toEpochMilli() + HOUR);
			assertThat(times.get(times.size() - 1)).isGreaterThanOrEqualTo(T0.toEpochMilli() - FIVE_MINUTES);
		}
		// a chunk is asked again only when it was under way at the stop
		Map<String, Long> perChunk = this.asked.stream()
			.collect(Collectors.groupingBy((request) -> request.request().path() + "?" + request.request().query(),
					Collectors.counting()));
		assertThat(perChunk.values().stream().filter((count) -> count > 1)).hasSizeLessThanOrEqualTo(2);
	}

	@Test
	void aGapWhileCoinGeckoFailsForAnHourIsLoadedOncePollsSucceedAgain() {
		Run run = start(T0, "cryptoviz.producer.history.period=0");
		awaitIdle(run);
		pollFor(run, Duration.ofMinutes(10));
		Instant lastTick = lastLiveTick();

		stub.willAnswer(SimplePrices.PATH, StubResponse.status(503, "{\"error\":\"unavailable\"}"));
		pollFor(run, Duration.ofHours(1));
		stub.willAnswer(SimplePrices.PATH, SimplePrices.answering(() -> this.clock.instant()));
		// the poller's back-off has reached its longest: the next attempt is up to five minutes away
		pollFor(run, Duration.ofMinutes(5));
		Instant firstAfter = lastLiveTick();
		assertThat(Duration.between(lastTick, firstAfter)).isGreaterThan(Duration.ofHours(1));
		awaitIdle(run);

		Map<String, List<PriceTick>> loaded = history();
		for (String coin : COINS) {
			List<Long> expected = fiveMinutely(coin, lastTick, firstAfter);
			assertThat(times(loaded.get(coin))).as(coin).containsExactlyInAnyOrderElementsOf(expected);
		}
		MeterRegistry meters = run.context.getBean(MeterRegistry.class);
		assertThat(meters.get("crypto.history.gaps.found").tag("cause", "live").counter().count()).isEqualTo(2);
	}

	@Test
	void aCoinThatJoinsTheTrackedSetGetsThePeriodAndTheOthersNothingMore() {
		List<String> ranking = new CopyOnWriteArrayList<>(COINS);
		Function<RecordedRequest, StubResponse> markets = CoinMarkets.answering(() -> ranking);
		Function<RecordedRequest, StubResponse> charts = MarketChartHistory.answering(() -> this.clock.instant());
		// the coin list and the market charts share the stub's path prefix
		stub.willAnswer(MarketChartHistory.PATH, (request) -> {
			if (request.path().equals(CoinMarkets.PATH)) {
				return markets.apply(request);
			}
			this.asked.add(new Asked(request, this.clock.instant()));
			return charts.apply(request);
		});
		// calls to spare: on the keyless plan's 5 a minute, the history calls wait their turn, and waiting moves
		// this test's clock (MovableTime), which would skip live polls of the hour below and make gaps
		Run run = start(T0, "cryptoviz.coins=top:2", "cryptoviz.producer.history.period=1d",
				"cryptoviz.coingecko.plans.keyless.calls-per-minute=600");
		awaitIdle(run);
		assertThat(history()).containsOnlyKeys(COINS);
		int asked = this.asked.size();

		ranking.set(1, "cardano");
		// an hour, polled every minute: no gap for the coins that stay
		pollFor(run, Duration.ofMinutes(61));
		Instant joined = run.clock.instant();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> run.context.getBean(CoinUniverse.class).coins().contains("cardano"));
		awaitIdle(run);

		List<PriceTick> cardano = history().get("cardano");
		assertThat(cardano).isNotEmpty();
		// the day's first 60 minutes are CoinGecko's hourly part: its first point is within the hour
		assertThat(cardano.get(0).timestamp()).isBetween(joined.minus(Duration.ofDays(1)).minusSeconds(90),
				joined.minus(Duration.ofDays(1)).plusMillis(HOUR + 1000));
		assertThat(cardano.get(cardano.size() - 1).timestamp()).isAfter(joined.minus(Duration.ofMinutes(10)));
		assertThat(this.asked.subList(asked, this.asked.size())).as("only the coin that joined")
			.allSatisfy((request) -> assertThat(request.request().path()).startsWith("/coins/cardano/"));
		MeterRegistry meters = run.context.getBean(MeterRegistry.class);
		assertThat(meters.get("crypto.history.gaps.found").tag("cause", "fresh").counter().count()).isEqualTo(3);
	}

	@Test
	void aFreshSimulatedStartPublishesThirtyDaysOfSimulatedHistoryThatTheLiveTicksJoinWithoutAJump() {
		Run run = start(T0, "cryptoviz.producer.source=simulated", "cryptoviz.producer.simulated.seed=7");
		awaitIdle(run);
		pollFor(run, Duration.ofMinutes(1));

		Map<String, List<PriceTick>> byCoin = new HashMap<>();
		records().forEach((tick) -> byCoin.computeIfAbsent(tick.crypto(), (coin) -> new ArrayList<>()).add(tick));
		for (String coin : COINS) {
			List<PriceTick> ticks = byCoin.get(coin);
			ticks.sort((a, b) -> a.timestamp().compareTo(b.timestamp()));
			List<PriceTick> history = ticks.stream().filter((tick) -> tick.timestamp().isBefore(T0)).toList();
			List<PriceTick> live = ticks.stream().filter((tick) -> !tick.timestamp().isBefore(T0)).toList();
			assertThat(ticks).allSatisfy((tick) -> assertThat(tick.source()).isEqualTo(TickSource.SIMULATED));
			// hourly for 29 days, 5-minutely for the last one
			assertThat(history).hasSize(696 + 288);
			assertThat(history.get(0).timestamp()).isBetween(T0.minus(Duration.ofDays(30)),
					T0.minus(Duration.ofDays(30)).plusMillis(HOUR));
			assertThat(largestStep(history)).isEqualTo(HOUR);
			assertThat(live).isNotEmpty();
			double joint = Math.abs(Math.log(live.get(0).priceUsd() / history.get(history.size() - 1).priceUsd()));
			// five minutes of a 3 %-a-day walk, at five standard deviations
			assertThat(joint).as("the step from the last history tick to the first live one").isLessThan(0.03
					* Math.sqrt(5.0 / 1440) * 5);
		}
		assertThat(this.asked).as("simulated history costs no call").isEmpty();
		MeterRegistry meters = run.context.getBean(MeterRegistry.class);
		assertThat(meters.get("crypto.history.ticks.loaded").tag("source", "simulated").counter().count())
			.isEqualTo(2 * (696 + 288));
	}

	private Run start(Instant at, String... settings) {
		this.clock = new MutableClock(at);
		List<String> arguments = new ArrayList<>(List.of("spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
				"cryptoviz.coingecko.base-url=" + stub.baseUrl(), "cryptoviz.kafka.topic=" + this.topic,
				"cryptoviz.coins=" + String.join(",", COINS), "cryptoviz.producer.leader.enabled=false",
				MovableTime.START_PROPERTY + "=" + at));
		arguments.addAll(List.of(settings));
		// as command-line arguments, which win over application.yml as a user's settings do
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ProducerApplication.class,
				MovableTime.class)
			.web(WebApplicationType.NONE)
			.run(arguments.stream().map((argument) -> "--" + argument).toArray(String[]::new));
		this.clock = context.getBean(MutableClock.class);
		Run run = new Run(context, this.clock);
		this.runs.add(run);
		return run;
	}

	private HistoryLoader.Progress awaitIdle(Run run) {
		HistoryLoader loader = run.context.getBean(HistoryLoader.class);
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			HistoryLoader.Progress progress = loader.progress();
			return progress.active() && progress.lastScan() != null && progress.coinsPending() == 0
					&& progress.state().id().equals("idle");
		});
		return loader.progress();
	}

	/** Moves the run's clock a minute at a time, polling when due; returns the time at the end. */
	private Instant pollFor(Run run, Duration duration) {
		PricePoller poller = run.context.getBean(PricePoller.class);
		Instant end = run.clock.instant().plus(duration);
		while (run.clock.instant().isBefore(end)) {
			run.clock.advance(Duration.ofMinutes(1));
			poller.pollIfDue();
		}
		return run.clock.instant();
	}

	private void answerHistory(Function<RecordedRequest, StubResponse> answer) {
		stub.willAnswer(MarketChartHistory.PATH, (request) -> {
			this.asked.add(new Asked(request, this.clock.instant()));
			return answer.apply(request);
		});
	}

	/** Times of the stub's 5-minute points of the coin from {@code from} to {@code to}, both included. */
	private static List<Long> fiveMinutely(String coin, Instant from, Instant to) {
		return MarketChartHistory.points(coin, "usd", from, to, FIVE_MINUTES)
			.stream()
			.map(MarketChartHistory.Point::time)
			.toList();
	}

	/** Times of the USD points the stub served, as the loader should publish them. */
	private List<Long> servedTimes(String coin) {
		List<Long> times = new ArrayList<>();
		for (Asked request : this.asked) {
			if (request.request().path().equals("/coins/" + coin + "/market_chart/range")
					&& "usd".equals(request.request().queryParameter("vs_currency"))) {
				Instant from = seconds(request.request(), "from");
				Instant to = seconds(request.request(), "to");
				MarketChartHistory.points(coin, "usd", from, to, MarketChartHistory.granularity(from, to, request.at()))
					.forEach((point) -> times.add(point.time()));
			}
		}
		return new ArrayList<>(new HashSet<>(times));
	}

	private Instant lastLiveTick() {
		return records().stream()
			.filter((tick) -> tick.source() == TickSource.COINGECKO)
			.map(PriceTick::timestamp)
			.max(Instant::compareTo)
			.orElseThrow();
	}

	/** The history ticks on the topic by coin, oldest first. */
	private Map<String, List<PriceTick>> history() {
		Map<String, List<PriceTick>> byCoin = new HashMap<>();
		records().stream()
			.filter((tick) -> tick.source() == TickSource.BACKFILL)
			.forEach((tick) -> byCoin.computeIfAbsent(tick.crypto(), (coin) -> new ArrayList<>()).add(tick));
		byCoin.values().forEach((ticks) -> ticks.sort((a, b) -> a.timestamp().compareTo(b.timestamp())));
		return byCoin;
	}

	private int historyRecords() {
		return (int) records().stream().filter((tick) -> tick.source() == TickSource.BACKFILL).count();
	}

	private List<PriceTick> records() {
		List<PriceTick> ticks = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString(),
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(this.topic)
				.stream()
				.map((PartitionInfo info) -> new TopicPartition(this.topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					ticks.add(TickJson.strictMapper().readValue(record.value(), PriceTick.class));
				}
			}
		}
		return ticks;
	}

	private static List<Long> times(List<PriceTick> ticks) {
		return ticks.stream().map((tick) -> tick.timestamp().toEpochMilli()).toList();
	}

	private static long largestStep(List<PriceTick> ticks) {
		long largest = 0;
		for (int i = 1; i < ticks.size(); i++) {
			largest = Math.max(largest,
					ticks.get(i).timestamp().toEpochMilli() - ticks.get(i - 1).timestamp().toEpochMilli());
		}
		return largest;
	}

	private static Instant seconds(RecordedRequest request, String parameter) {
		return Instant.ofEpochSecond(Long.parseLong(request.queryParameter(parameter)));
	}

	private record Asked(RecordedRequest request, Instant at) {
	}

	private record Run(ConfigurableApplicationContext context, MutableClock clock) {

		/** Stops the producer as a user would; returns the time on its clock then. */
		Instant stop() {
			Instant at = this.clock.instant();
			if (this.context.isActive()) {
				this.context.close();
			}
			return at;
		}

	}

}
