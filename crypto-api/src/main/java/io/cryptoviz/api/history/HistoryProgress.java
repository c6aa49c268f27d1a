package io.cryptoviz.api.history;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.cryptoviz.api.kafka.CompactedTopicReader;
import io.cryptoviz.history.HistoryStatus;
import io.cryptoviz.kafka.TopicProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * The latest progress record ({@value HistoryStatus#KEY}) of the producer's history topic. The topic is
 * compacted and has one partition: it is read whole, from the beginning, with no consumer group, and the last
 * value is kept, so every API instance knows it from its start.
 */
@Component
class HistoryProgress extends CompactedTopicReader {

	private static final Logger logger = LoggerFactory.getLogger(HistoryProgress.class);

	private final String topic;

	private final JsonMapper json;

	private final AtomicReference<@Nullable HistoryStatus> latest = new AtomicReference<>();

	HistoryProgress(ConsumerFactory<?, ?> consumers, TopicProperties topics, JsonMapper json) {
		super("history-progress", groupless(consumers.getConfigurationProperties()), Duration.ofSeconds(1));
		this.topic = topics.historyTopic();
		this.json = json;
	}

	/** The producer's last word on loading history; empty until it said one. */
	Optional<HistoryStatus> latest() {
		return Optional.ofNullable(this.latest.get());
	}

	@Override
	protected List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
		return List.of(new TopicPartition(this.topic, 0));
	}

	@Override
	protected void accept(ConsumerRecord<String, String> record) {
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

	/** Nothing waits for the progress to be read up to date: the API answers with the latest record read so far. */
	@Override
	protected boolean tellsCaughtUp() {
		return false;
	}

	@Override
	protected void failed(RuntimeException failure) {
		logger.warn("Stopped reading {}: {}; the page shows no history progress until a restart", this.topic,
				failure.toString());
	}

}
