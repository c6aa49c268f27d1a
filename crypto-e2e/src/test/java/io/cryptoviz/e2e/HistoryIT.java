package io.cryptoviz.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.cryptoviz.devstack.ServiceProcess;
import io.cryptoviz.testsupport.CoinGeckoStub.RecordedRequest;
import io.cryptoviz.testsupport.MarketChartHistory;
import io.cryptoviz.testsupport.SimplePrices;
import io.cryptoviz.testsupport.StubResponse;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * History that heals itself, as deployed: the producer's and the consumer's jars, a real broker, a real
 * InfluxDB and the CoinGecko stub on the real clock. An outage of hours cannot be waited out, so its ticks
 * are put on the topic as the previous run would have left them (their event times, and their publishing
 * times as record timestamps, hours back), or the stub's {@code last_updated_at} lags an hour behind while
 * it fails. Each case counts, in InfluxDB, the points of the stub's series in the gap at CoinGecko's
 * granularity: expected, present, missing, and present beyond one per expected point; a fresh start counts
 * the stub's series over the default period the same way. Each case tracks coins of its own.
 */
class HistoryIT extends WithConsumerPipeline {

	private static final long FIVE_MINUTES = Duration.ofMinutes(5).toMillis();

	private static final JsonMapper json = JsonMapper.builder().build();

	@BeforeEach
	void healthyStub() {
		this.pipeline.coinGecko.reset();
		this.pipeline.coinGecko.willAnswer(SimplePrices.PATH, SimplePrices.answering(Instant::now));
		this.pipeline.coinGecko.willAnswer(MarketChartHistory.PATH, MarketChartHistory.answering(Instant::now));
	}

	@Test
	void aFreshStartStoresEveryPointOfTheStubsSeriesOverTheDefaultPeriodOnce() throws Exception {
		List<String> coins = List.of("ripple", "dogecoin");
		Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		ServiceProcess producer = startProducer(coins, Map.of());
		Instant loaded;
		try {
			this.pipeline.awaitHistoryLoaded(producer);
			loaded = Instant.now();
		}
		finally {
			producer.stop();
		}
		this.pipeline.awaitConsumerCaughtUp();
		Outcome outcome = outcome(coins);

		assertThat(outcome.gaps()).as("two chunks a coin in USD: hourly, then the last 23 hours 5-minutely")
			.hasSize(2 * 2);
		for (String coin : coins) {
			List<Gap> chunks = outcome.gaps().stream().filter((gap) -> gap.coin().equals(coin)).toList();
			assertThat(chunks).as(coin).hasSize(2);
			assertThat(chunks.stream().map(Gap::from).min(Instant::compareTo).orElseThrow()).as(coin + " from")
				.isBetween(started.minus(Duration.ofDays(30)), loaded.minus(Duration.ofDays(30)));
			assertThat(chunks.stream().map(Gap::to).max(Instant::compareTo).orElseThrow()).as(coin + " to")
				.isBetween(started, loaded);
		}
		assertThat(outcome.expected()).as("29 days hourly and 23 hours 5-minutely, per coin")
			.isBetween(2 * (29 * 24 + 23 * 12 - 2L), 2 * (30 * 24 + 24 * 12 + 2L));
		assertThat(outcome.missing()).as("points of the period missing").isZero();
		assertThat(outcome.duplicated()).as("points beyond one per point of the period").isZero();
		assertThat(outcome.present()).isEqualTo(outcome.expected());
	}

	@Test
	void whenTheProducerWasStoppedForThirtyMinutesThenItsRestartStoresEveryPointOfTheGapOnce() throws Exception {
		Outcome outcome = afterAStopOf(Duration.ofMinutes(30), List.of("cardano", "solana"));

		assertFilledOnce(outcome);
		record("producer stopped for 30 minutes, then started", outcome);
	}

	@Test
	void whenTheWholeStackWasStoppedForTwoHoursThenTheProducersRestartStoresEveryPointOfTheGapOnce()
			throws Exception {
		Outcome outcome = afterAStopOf(Duration.ofHours(2), List.of("polkadot", "monero"));

		assertFilledOnce(outcome);
		record("whole stack stopped for 2 hours, then started", outcome);
	}

	@Test
	void whenCoinGeckoFailsForAnHourWhileTheProducerRunsThenTheGapIsStoredOnceWhenPollsSucceedAgain()
			throws Exception {
		List<String> coins = List.of("litecoin", "stellar");
		Duration outage = Duration.ofHours(1);
		// until the failure, CoinGecko's figures are an hour old: the hour it then fails for, on the stub's clock
		this.pipeline.coinGecko.willAnswer(SimplePrices.PATH, SimplePrices.answering(() -> Instant.now().minus(outage)));
		ServiceProcess producer = startProducer(coins, Map.of("CRYPTOVIZ_PRODUCER_POLLINTERVAL", "1s",
				"CRYPTOVIZ_COINGECKO_PLANS_KEYLESS_DATAREFRESH", "1s", "CRYPTOVIZ_PRODUCER_HISTORY_PERIOD", "0"));
		try {
			this.pipeline.awaitHistoryLoaded(producer);
			await().atMost(Duration.ofSeconds(30)).until(() -> this.pipeline.coinGecko.requests(SimplePrices.PATH).size() >= 3);
			AtomicInteger failed = new AtomicInteger();
			this.pipeline.coinGecko.willAnswer(SimplePrices.PATH, (request) -> {
				failed.incrementAndGet();
				return StubResponse.status(503, "{\"error\":\"unavailable\"}");
			});
			// three failed polls are longer than the gap threshold (three poll intervals of 1 s)
			await().atMost(Duration.ofSeconds(60)).until(() -> failed.get() >= 3);
			this.pipeline.coinGecko.willAnswer(SimplePrices.PATH, SimplePrices.answering(Instant::now));
			await().atMost(Duration.ofSeconds(60)).until(() -> !historyRequests().isEmpty());
			this.pipeline.awaitHistoryLoaded(producer);
		}
		finally {
			producer.stop();
		}
		this.pipeline.awaitConsumerCaughtUp();
		Outcome outcome = outcome(coins);

		assertFilledOnce(outcome);
		assertThat(outcome.expected()).as("an hour, 5-minutely, per coin").isBetween(2 * 12L, 2 * 14L);
		record("CoinGecko failing for 1 hour while the producer runs", outcome);
	}

	/** Puts the previous run's last three hours on the topic, ending {@code stop} ago, and starts the producer. */
	private Outcome afterAStopOf(Duration stop, List<String> coins) throws Exception {
		Instant stoppedAt = Instant.now().minus(stop).truncatedTo(ChronoUnit.SECONDS);
		List<ProducerRecord<String, byte[]>> previousRun = new ArrayList<>();
		for (Instant time = stoppedAt.minus(Duration.ofHours(3)); !time.isAfter(stoppedAt); time = time
			.plusSeconds(60)) {
			for (String coin : coins) {
				PriceTick tick = new PriceTick(coin, 10.0, 9.2, 1.0, 1.0e9, 5.0e7, time.minusSeconds(40),
						TickSource.COINGECKO);
				previousRun.add(new ProducerRecord<>("crypto-prices", null, time.toEpochMilli(), coin,
						json.writeValueAsBytes(tick)));
			}
		}
		publish(previousRun);
		ServiceProcess producer = startProducer(coins, Map.of("CRYPTOVIZ_PRODUCER_HISTORY_PERIOD", "0"));
		try {
			this.pipeline.awaitHistoryLoaded(producer);
		}
		finally {
			producer.stop();
		}
		this.pipeline.awaitConsumerCaughtUp();
		Outcome outcome = outcome(coins);
		assertThat(outcome.gaps()).as("the gap starts at the previous run's last tick")
			.allSatisfy((gap) -> assertThat(gap.from()).isEqualTo(stoppedAt.minusSeconds(40)));
		long live = this.pipeline.influx.gateway()
			.query("SELECT count(price_usd) FROM crypto_price WHERE source = 'coingecko' AND time <= '" + stoppedAt
					+ "' AND (" + where(coins) + ")")
			.stream()
			.mapToLong((row) -> row.number("count").longValue())
			.sum();
		assertThat(live).as("the previous run's points, untouched").isEqualTo(previousRun.size());
		return outcome;
	}

	private ServiceProcess startProducer(List<String> coins, Map<String, String> settings) {
		Map<String, String> environment = new HashMap<>(settings);
		environment.put("CRYPTOVIZ_COINS", String.join(",", coins));
		environment.put("CRYPTOVIZ_PRODUCER_LEADER_ENABLED", "false");
		return this.pipeline.start("crypto-producer", environment);
	}

	/** The stub's points of each gap it was asked for, against the backfilled points InfluxDB holds. */
	private Outcome outcome(List<String> coins) {
		List<Gap> gaps = new ArrayList<>();
		Set<String> expected = new TreeSet<>();
		for (RecordedRequest request : historyRequests()) {
			if (!"usd".equals(request.queryParameter("vs_currency"))) {
				continue;
			}
			String coin = request.path().split("/")[2];
			Instant from = Instant.ofEpochSecond(Long.parseLong(request.queryParameter("from")));
			Instant to = Instant.ofEpochSecond(Long.parseLong(request.queryParameter("to")));
			gaps.add(new Gap(coin, from, to));
			long spacing = MarketChartHistory.granularity(from, to, request.receivedAt());
			MarketChartHistory.points(coin, "usd", from, to, spacing)
				.forEach((point) -> expected.add(coin + "@" + point.time()));
		}
		List<String> present = this.pipeline.influx.gateway()
			.query("SELECT price_usd, crypto FROM crypto_price WHERE source = 'backfill' AND (" + where(coins) + ")")
			.stream()
			.map((row) -> row.string("crypto") + "@" + row.time().toEpochMilli())
			.toList();
		long missing = expected.stream().filter((point) -> !present.contains(point)).count();
		long beyond = present.size() - present.stream().filter(expected::contains).distinct().count();
		return new Outcome(gaps, expected.size(), present.size(), missing, beyond);
	}

	private List<RecordedRequest> historyRequests() {
		return this.pipeline.coinGecko.requests()
			.stream()
			.filter((request) -> request.path().endsWith("/market_chart/range"))
			.toList();
	}

	private static void assertFilledOnce(Outcome outcome) {
		assertThat(outcome.gaps()).as("one gap a coin, in USD").hasSize(2);
		assertThat(outcome.gaps()).allSatisfy((gap) -> assertThat(Duration.between(gap.from(), gap.to()))
			.isLessThan(Duration.ofDays(1)));
		assertThat(outcome.expected()).isPositive();
		assertThat(outcome.missing()).as("points of the gap missing").isZero();
		assertThat(outcome.duplicated()).as("points beyond one per point of the gap").isZero();
		assertThat(outcome.present()).isEqualTo(outcome.expected());
	}

	private static String where(List<String> coins) {
		return String.join(" OR ", coins.stream().map((coin) -> "crypto = '" + coin + "'").toList());
	}

	private void publish(List<ProducerRecord<String, byte[]>> records) throws Exception {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.pipeline.kafka.getBrokersAsString(),
						ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new ByteArraySerializer())) {
			List<Future<?>> sends = new ArrayList<>();
			records.forEach((record) -> sends.add(producer.send(record)));
			for (Future<?> send : sends) {
				send.get(30, TimeUnit.SECONDS);
			}
		}
	}

	/** Appends the case's row to {@code target/reliability/history.md}, for docs/reliability.md. */
	private static void record(String scenario, Outcome outcome) throws Exception {
		Path file = Path.of("target", "reliability", "history.md");
		Files.createDirectories(file.getParent());
		Files.writeString(file, String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d |%n", Instant.now(),
				scenario, outcome.expected(), outcome.present(), outcome.missing(), outcome.duplicated()),
				StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

	/**
	 * @param coin the coin
	 * @param from the start of the gap the producer asked for
	 * @param to its end
	 */
	private record Gap(String coin, Instant from, Instant to) {
	}

	/**
	 * @param gaps the gaps the producer asked CoinGecko for
	 * @param expected points of the stub's series in them, at the granularity CoinGecko answers with
	 * @param present backfilled points InfluxDB holds of these coins
	 * @param missing expected points InfluxDB does not hold
	 * @param duplicated points InfluxDB holds beyond one per expected point
	 */
	private record Outcome(List<Gap> gaps, long expected, long present, long missing, long duplicated) {
	}

}
