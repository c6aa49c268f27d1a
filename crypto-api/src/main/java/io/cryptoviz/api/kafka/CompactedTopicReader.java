package io.cryptoviz.api.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Reads compacted topics whole: from the beginning, with no consumer group and no commits, on a daemon thread
 * of its own, and keeps reading, so every API instance knows their latest values from its start. Subclasses
 * say which partitions to read and what a record means; {@link #caughtUp()} tells them once they hold what
 * the partitions held when reading began.
 */
public abstract class CompactedTopicReader implements SmartLifecycle {

	private final String threadName;

	private final Supplier<KafkaConsumer<String, String>> consumers;

	private final Duration pollTimeout;

	private volatile @Nullable KafkaConsumer<String, String> consumer;

	private volatile @Nullable Thread reader;

	/**
	 * @param threadName the reading thread's name
	 * @param consumers makes the consumer to read with, one per {@link #start()}
	 * @param pollTimeout how long one poll waits for records
	 */
	protected CompactedTopicReader(String threadName, Supplier<KafkaConsumer<String, String>> consumers,
			Duration pollTimeout) {
		this.threadName = threadName;
		this.consumers = consumers;
		this.pollTimeout = pollTimeout;
	}

	/**
	 * Makes consumers that read outside any group: with the given settings but no group id, no commits, keys
	 * and values as strings.
	 */
	public static Supplier<KafkaConsumer<String, String>> groupless(Map<String, Object> settings) {
		Map<String, Object> groupless = new HashMap<>(settings);
		groupless.remove(ConsumerConfig.GROUP_ID_CONFIG);
		groupless.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		return () -> new KafkaConsumer<>(groupless, new StringDeserializer(), new StringDeserializer());
	}

	/** The partitions to read, whole. */
	protected abstract List<TopicPartition> partitions(KafkaConsumer<String, String> consumer);

	/** One record, in the order of its partition; called on the reading thread only. */
	protected abstract void accept(ConsumerRecord<String, String> record);

	/** Called once, on the reading thread, when every partition has been read up to where it ended at the start. */
	protected void caughtUp() {
	}

	/**
	 * Whether {@link #caughtUp()} is wanted. A reader that does not want it never asks where the partitions end:
	 * while a topic is not created yet, each time it asks blocks it for up to 5 s between polls.
	 */
	protected boolean tellsCaughtUp() {
		return true;
	}

	/** Reading stopped for good on this failure, until a restart. */
	protected abstract void failed(RuntimeException failure);

	@Override
	public void start() {
		KafkaConsumer<String, String> reading = this.consumers.get();
		this.consumer = reading;
		Thread thread = new Thread(() -> read(reading), this.threadName);
		thread.setDaemon(true);
		this.reader = thread;
		thread.start();
	}

	private void read(KafkaConsumer<String, String> reading) {
		try (reading) {
			List<TopicPartition> partitions = partitions(reading);
			reading.assign(partitions);
			reading.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = null;
			boolean behind = tellsCaughtUp();
			while (!Thread.currentThread().isInterrupted()) {
				for (ConsumerRecord<String, String> record : reading.poll(this.pollTimeout)) {
					accept(record);
				}
				if (behind) {
					end = (end != null) ? end : endOffsets(reading, partitions);
					if (end != null && reachedEnd(reading, end)) {
						behind = false;
						caughtUp();
					}
				}
			}
		}
		catch (WakeupException stopping) {
			// stop() woke it
		}
		catch (RuntimeException ex) {
			failed(ex);
		}
	}

	/** Where the partitions end now; null while a partition is not there yet (its topic not yet created). */
	private static @Nullable Map<TopicPartition, Long> endOffsets(KafkaConsumer<String, String> reading,
			List<TopicPartition> partitions) {
		try {
			return reading.endOffsets(partitions, Duration.ofSeconds(5));
		}
		catch (TimeoutException notYet) {
			return null;
		}
	}

	private static boolean reachedEnd(KafkaConsumer<String, String> reading, Map<TopicPartition, Long> end) {
		return end.entrySet().stream().allMatch((partition) -> reading.position(partition.getKey()) >= partition.getValue());
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
