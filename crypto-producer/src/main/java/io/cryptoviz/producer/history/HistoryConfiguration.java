package io.cryptoviz.producer.history;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import io.cryptoviz.kafka.TopicProperties;
import io.cryptoviz.producer.budget.CallBudget;
import io.cryptoviz.producer.leader.Leadership;
import io.cryptoviz.producer.poll.PollCadence;
import io.cryptoviz.producer.poll.ProducerProperties;
import io.cryptoviz.producer.universe.CoinUniverse;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The history loader's beans, on a producer that polls (not the backfill command) and unless
 * {@code cryptoviz.producer.history.enabled=false}: plain Kafka clients
 * made from Boot's settings (no consumer group: the topics are read by offset and time), the loader, its
 * meters and its health component ({@code history}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "cryptoviz.producer.polling-enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "cryptoviz.producer.history.enabled", matchIfMissing = true)
class HistoryConfiguration {

	@Bean
	GapThreshold gapThreshold(HistoryProperties properties, PollCadence cadence, CallBudget budget,
			ProducerProperties producer) {
		return new GapThreshold(properties, cadence, budget, producer);
	}

	@Bean(destroyMethod = "close")
	HistoryLedger historyLedger(ConsumerFactory<?, ?> consumers, ProducerFactory<?, ?> producers,
			TopicProperties topics, JsonMapper json, Leadership leadership) {
		return new HistoryLedger(() -> consumer(consumers, leadership), () -> producer(producers),
				topics.historyTopic(), json);
	}

	@Bean
	HistoryLoader historyLoader(HistorySource source, ConsumerFactory<?, ?> consumers, TopicProperties topics,
			HistoryLedger ledger, CoinUniverse universe, Leadership leadership, GapThreshold threshold,
			HistoryProperties properties, ProducerProperties producer, MeterRegistry registry, Clock clock) {
		LastTicks lastTicks = new LastTicks(() -> consumer(consumers, leadership), topics.topic(),
				producer.maxClockSkew());
		HistoryMeters meters = new HistoryMeters(registry, source.tickSource());
		HistoryLoader loader = new HistoryLoader(source, lastTicks, ledger, universe, leadership, threshold,
				properties, meters, clock);
		meters.bind(loader);
		return loader;
	}

	@Bean
	HistoryHealthIndicator historyHealthIndicator(HistoryLoader loader, HistoryProperties properties,
			GapThreshold threshold) {
		return new HistoryHealthIndicator(loader, properties, threshold);
	}

	private static KafkaConsumer<String, byte[]> consumer(ConsumerFactory<?, ?> consumers, Leadership leadership) {
		Map<String, Object> settings = new HashMap<>(consumers.getConfigurationProperties());
		settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
		settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
		settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "crypto-producer-history-" + leadership.instanceId());
		return new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
	}

	private static KafkaProducer<String, String> producer(ProducerFactory<?, ?> producers) {
		Map<String, Object> settings = new HashMap<>();
		producers.getConfigurationProperties().forEach((key, value) -> {
			if (!key.startsWith("spring.")) {
				settings.put(key, value);
			}
		});
		settings.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		return new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
	}

}
