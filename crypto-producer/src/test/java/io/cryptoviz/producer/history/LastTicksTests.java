package io.cryptoviz.producer.history;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding each coin's last tick on a real (embedded) broker holding weeks of ticks, published with their
 * publishing times as record timestamps, as the producer publishes them: the answer, and how little is read.
 */
@EmbeddedKafka(partitions = 3)
class LastTicksTests {

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);

	private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

	private static final Duration SKEW = Duration.ofMinutes(2);

	private static final Set<TickSource> COINGECKO = Set.of(TickSource.COINGECKO, TickSource.BACKFILL);

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void findsEveryCoinsLastTickReadingOnlyTheLastMinutesOfTwoWeeks(EmbeddedKafkaBroker kafka) throws Exception {
		String topic = topic(kafka);
		List<String> coins = List.of("bitcoin", "ethereum", "cardano", "solana", "polkadot");
		List<Published> published = new ArrayList<>();
		for (Instant time = NOW.minus(Duration.ofDays(14)); time.isBefore(NOW); time = time.plus(FIVE_MINUTES)) {
			for (String coin : coins) {
				published.add(live(coin, time.minusSeconds(40), time));
			}
		}
		publish(kafka, topic, published);

		LastTicks.Found found = lastTicks(kafka, topic).find(coins, COINGECKO, NOW, Duration.ofMinutes(30),
				Duration.ofDays(30));

		Instant last = NOW.minus(FIVE_MINUTES).minusSeconds(40);
		assertThat(found.last()).containsOnlyKeys(coins)
			.allSatisfy((coin, tick) -> assertThat(tick.timestamp()).isEqualTo(last));
		// 4,030 records; the first round's half hour holds 6 polls of 5 coins
		assertThat(published).hasSize(14 * 288 * 5);
		assertThat(found.recordsRead()).isEqualTo(6 * 5);
	}

	@Test
	void widensOnlyForTheCoinsNotFoundAndOnlyOnTheirPartitions(EmbeddedKafkaBroker kafka) throws Exception {
		String topic = topic(kafka);
		List<Published> published = new ArrayList<>();
		// solana stopped being polled ten days ago; bitcoin goes on to now
		for (Instant time = NOW.minus(Duration.ofDays(14)); time.isBefore(NOW); time = time.plus(FIVE_MINUTES)) {
			published.add(live("bitcoin", time.minusSeconds(40), time));
			if (time.isBefore(NOW.minus(Duration.ofDays(10)))) {
				published.add(live("solana", time.minusSeconds(40), time));
			}
		}
		publish(kafka, topic, published);

		LastTicks.Found found = lastTicks(kafka, topic).find(List.of("bitcoin", "solana", "monero"), COINGECKO, NOW,
				Duration.ofMinutes(30), Duration.ofDays(30));

		Instant solanaLast = published.stream()
			.filter((record) -> record.tick().crypto().equals("solana"))
			.map((record) -> record.tick().timestamp())
			.max(Instant::compareTo)
			.orElseThrow();
		assertThat(found.last()).containsOnlyKeys("bitcoin", "solana");
		assertThat(found.last().get("solana").timestamp()).isEqualTo(solanaLast);
		long onOtherPartitions = published.stream()
			.filter((record) -> LastTicks.partitionOf(record.tick().crypto(), 3) != LastTicks.partitionOf("solana", 3)
					&& LastTicks.partitionOf(record.tick().crypto(), 3) != LastTicks.partitionOf("monero", 3))
			.count();
		assertThat(found.recordsRead()).as("records of the partitions the missing coins are not on are not read past "
				+ "the first round").isLessThanOrEqualTo(published.size() - onOtherPartitions + 6);
	}

	@Test
	void aHistoryTickPublishedLastDoesNotHideANewerLiveTickAndItsOwnTicksAreLeftOut(EmbeddedKafkaBroker kafka)
			throws Exception {
		String topic = topic(kafka);
		Instant stop = NOW.minus(Duration.ofHours(2));
		List<Published> published = new ArrayList<>();
		published.add(live("bitcoin", stop.minusSeconds(30), stop));
		// a backfill of last week, published after the last live tick
		published.add(new Published(tick("bitcoin", stop.minus(Duration.ofDays(7)), TickSource.BACKFILL),
				stop.plusSeconds(60)));
		// simulated ticks are not CoinGecko's history
		published.add(new Published(tick("bitcoin", stop.plusSeconds(120), TickSource.SIMULATED),
				stop.plusSeconds(120)));
		// this instance's own first tick, published after the cut-off
		published.add(live("bitcoin", NOW.plusSeconds(5), NOW.plusSeconds(10)));
		publish(kafka, topic, published);

		LastTicks.Found found = lastTicks(kafka, topic).find(List.of("bitcoin"), COINGECKO, NOW,
				Duration.ofMinutes(30), Duration.ofDays(30));

		assertThat(found.last().get("bitcoin").timestamp()).isEqualTo(stop.minusSeconds(30));
	}

	@Test
	void aCoinWithoutATickIsLookedForAsFarAsTheHorizonAndNoFurther(EmbeddedKafkaBroker kafka) throws Exception {
		String topic = topic(kafka);
		publish(kafka, topic, List.of(live("monero", NOW.minus(Duration.ofDays(20)), NOW.minus(Duration.ofDays(20)))));

		LastTicks lastTicks = lastTicks(kafka, topic);

		assertThat(lastTicks.find(List.of("monero"), COINGECKO, NOW, Duration.ofMinutes(30), Duration.ofDays(7)).last())
			.isEmpty();
		assertThat(lastTicks.find(List.of("monero"), COINGECKO, NOW, Duration.ofMinutes(30), Duration.ofDays(30)).last())
			.containsOnlyKeys("monero");
	}

	private static LastTicks lastTicks(EmbeddedKafkaBroker kafka, String topic) {
		return new LastTicks(() -> new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				kafka.getBrokersAsString(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
				ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new ByteArrayDeserializer()),
				topic, SKEW);
	}

	private static String topic(EmbeddedKafkaBroker kafka) throws Exception {
		String topic = "ticks-" + UUID.randomUUID();
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.getBrokersAsString()))) {
			admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		return topic;
	}

	/** Publishes the ticks with their publishing times, in that order, keyed by coin. */
	private static void publish(EmbeddedKafkaBroker kafka, String topic, List<Published> records) throws Exception {
		List<Published> inOrder = new ArrayList<>(records);
		inOrder.sort(java.util.Comparator.comparing(Published::at));
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString(), ProducerConfig.ACKS_CONFIG,
						"all", ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1, ProducerConfig.LINGER_MS_CONFIG,
						20),
				new StringSerializer(), new ByteArraySerializer())) {
			List<Future<?>> sends = new ArrayList<>();
			for (Published record : inOrder) {
				sends.add(producer.send(new ProducerRecord<>(topic, null, record.at().toEpochMilli(),
						record.tick().crypto(), json.writeValueAsBytes(record.tick()))));
			}
			for (Future<?> send : sends) {
				send.get(30, TimeUnit.SECONDS);
			}
		}
	}

	private static Published live(String coin, Instant eventTime, Instant publishedAt) {
		return new Published(tick(coin, eventTime, TickSource.COINGECKO), publishedAt);
	}

	private static PriceTick tick(String coin, Instant eventTime, TickSource source) {
		return new PriceTick(coin, 100.0, 92.0, null, null, null, eventTime, source);
	}

	private record Published(PriceTick tick, Instant at) {
	}

}
