package io.cryptoviz.producer.history;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cryptoviz.history.HistoryStatus;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The history topic, compacted: per coin (key {@code coin:<id>}) the spans still to load, replaced after
 * every step and deleted (a tombstone) when none is left, and the progress (key
 * {@value HistoryStatus#KEY}) that the API shows. A producer that becomes active reads it whole, so it
 * resumes what another instance, or its own previous run, left unfinished. Each write waits for Kafka's
 * acknowledgement.
 */
final class HistoryLedger implements AutoCloseable {

	static final String COIN_PREFIX = "coin:";

	private static final Logger logger = LoggerFactory.getLogger(HistoryLedger.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final Supplier<Consumer<String, byte[]>> consumers;

	private final Supplier<Producer<String, String>> producers;

	private final String topic;

	private final JsonMapper json;

	private @Nullable Producer<String, String> producer;

	HistoryLedger(Supplier<Consumer<String, byte[]>> consumers, Supplier<Producer<String, String>> producers,
			String topic, JsonMapper json) {
		this.consumers = consumers;
		this.producers = producers;
		this.topic = topic;
		this.json = json;
	}

	String topic() {
		return this.topic;
	}

	/** Every coin's spans still to load, as the topic holds them now. */
	Map<String, List<Span>> read() {
		Map<String, List<Span>> pending = new HashMap<>();
		try (Consumer<String, byte[]> consumer = this.consumers.get()) {
			List<PartitionInfo> infos = consumer.partitionsFor(this.topic, TIMEOUT);
			if (infos == null) {
				return pending;
			}
			for (PartitionInfo info : infos) {
				TopicPartition partition = new TopicPartition(this.topic, info.partition());
				long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
				consumer.assign(List.of(partition));
				consumer.seekToBeginning(List.of(partition));
				long deadline = System.nanoTime() + TIMEOUT.toNanos();
				while (consumer.position(partition, TIMEOUT) < end && System.nanoTime() - deadline < 0) {
					for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
						if (record.offset() < end) {
							read(record, pending);
						}
					}
				}
			}
		}
		return pending;
	}

	/** Records what is left to load of a coin: its spans, or nothing. */
	void pending(String coin, List<Span> spans) {
		String value = spans.isEmpty() ? null : this.json.writeValueAsString(new Entry(coin, spans));
		send(COIN_PREFIX + coin, value);
	}

	void status(HistoryStatus status) {
		send(HistoryStatus.KEY, this.json.writeValueAsString(status));
	}

	private void read(ConsumerRecord<String, byte[]> record, Map<String, List<Span>> pending) {
		String key = record.key();
		if (key == null || !key.startsWith(COIN_PREFIX)) {
			return;
		}
		String coin = key.substring(COIN_PREFIX.length());
		if (record.value() == null) {
			pending.remove(coin);
			return;
		}
		try {
			Entry entry = this.json.readValue(new String(record.value(), StandardCharsets.UTF_8), Entry.class);
			pending.put(coin, Span.merge(entry.pending()));
		}
		catch (RuntimeException ex) {
			logger.warn("Ignoring unreadable record {} of {} at offset {}: {}", key, this.topic, record.offset(),
					ex.getMessage());
		}
	}

	private synchronized void send(String key, @Nullable String value) {
		if (this.producer == null) {
			this.producer = this.producers.get();
		}
		try {
			this.producer.send(new ProducerRecord<>(this.topic, key, value))
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new HistoryException("interrupted");
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new HistoryException("Kafka did not acknowledge record " + key + " of " + this.topic + ": "
					+ ((ex.getCause() != null) ? ex.getCause() : ex));
		}
	}

	@Override
	public synchronized void close() {
		if (this.producer != null) {
			this.producer.close(Duration.ofSeconds(5));
			this.producer = null;
		}
	}

	/**
	 * A coin's record.
	 *
	 * @param coin the coin
	 * @param pending its spans still to load, newest first
	 */
	record Entry(@JsonProperty("coin") String coin, @JsonProperty("pending") List<Span> pending) {
	}

}
