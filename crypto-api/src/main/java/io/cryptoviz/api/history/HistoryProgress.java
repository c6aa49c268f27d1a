package io.cryptoviz.api.history;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.cryptoviz.history.HistoryStatus;
import io.cryptoviz.kafka.TopicProperties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * The latest progress record ({@value HistoryStatus#KEY}) of the producer's history topic. The topic is
 * compacted and has one partition: a thread of its own reads it from the beginning, with no consumer group,
 * and keeps the last value, so every API instance knows it from its start.
 */
@Component
class HistoryProgress implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(HistoryProgress.class);

	private final ConsumerFactory<?, ?> consumers;

	private final String topic;

	private final JsonMapper json;

	private final AtomicReference<@Nullable HistoryStatus> latest = new AtomicReference<>();

	private volatile @Nullable KafkaConsumer<String, String> consumer;

	private volatile @Nullable Thread reader;

	HistoryProgress(ConsumerFactory<?, ?> consumers, TopicProperties topics, JsonMapper json) {
		this.consumers = consumers;
		this.topic = topics.historyTopic();
		this.json = json;
	}

	/** The producer's last word on loading history; empty until it said one. */
	Optional<HistoryStatus> latest() {
		return Optional.ofNullable(this.latest.get());
	}

	@Override
	public void start() {
		Map<String, Object> settings = new HashMap<>(this.consumers.getConfigurationProperties());
		settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
		settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		KafkaConsumer<String, String> reading = new KafkaConsumer<>(settings, new StringDeserializer(),
				new StringDeserializer());
		this.consumer = reading;
		Thread thread = new Thread(() -> read(reading), "history-progress");
		thread.setDaemon(true);
		this.reader = thread;
		thread.start();
	}

	private void read(KafkaConsumer<String, String> reading) {
		try (reading) {
			TopicPartition partition = new TopicPartition(this.topic, 0);
			reading.assign(List.of(partition));
			reading.seekToBeginning(List.of(partition));
			while (!Thread.currentThread().isInterrupted()) {
				for (ConsumerRecord<String, String> record : reading.poll(Duration.ofSeconds(1))) {
					accept(record);
				}
			}
		}
		catch (WakeupException stopping) {
			// stop() woke it
		}
		catch (RuntimeException ex) {
			logger.warn("Stopped reading {}: {}; the page shows no history progress until a restart", this.topic,
					ex.toString());
		}
	}

	void accept(ConsumerRecord<String, String> record) {
		if (!HistoryStatus.KEY.equals(record.key()) || record.value() == null) {
			return;
		}
		try {
			this.latest.set(this.json.readValue(record.value(), HistoryStatus.class));
		}
		catch (RuntimeException ex) {
			logger.warn("Ignoring unreadable record {} of {} at offset {}: {}", record.key(), this.topic,
					record.offset(), ex.getMessage());
		}
	}

	@Override
	public void stop() {
		KafkaConsumer<String, String> reading = this.consumer;
		Thread thread = this.reader;
		this.consumer = null;
		this.reader = null;
		if (reading != null && thread != null) {
			reading.wakeup();
			try {
				thread.join(Duration.ofSeconds(5).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.reader != null;
	}

}
