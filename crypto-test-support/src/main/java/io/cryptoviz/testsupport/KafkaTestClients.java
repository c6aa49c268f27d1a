package io.cryptoviz.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * Plain Kafka clients for tests: publish raw bytes (so a test can send anything, poison
 * included) and read a topic from the beginning.
 */
public final class KafkaTestClients {

	private KafkaTestClients() {
	}

	/**
	 * Sends each value with its key and waits for the acknowledgements. One request in flight: a
	 * topic this creates (or just created) can refuse the first request to a partition as "not
	 * leader" and accept the next, after which the first is refused as out of sequence until its
	 * delivery times out (KAFKA-15591); with one in flight, the first is simply sent again.
	 */
	public static void publish(String bootstrapServers, String topic, List<Map.Entry<String, byte[]>> records) {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
						ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000_000,
						ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
				new StringSerializer(), new ByteArraySerializer())) {
			List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
			for (Map.Entry<String, byte[]> record : records) {
				sends.add(producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue())));
			}
			for (java.util.concurrent.Future<?> send : sends) {
				send.get(30, TimeUnit.SECONDS);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not publish test records: " + ex, ex);
		}
	}

	/** Every record of the topic, polled until {@code expected} are read or the timeout passes. */
	public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers, String topic, int expected,
			Duration timeout) {
		return readAll(bootstrapServers, topic, null, expected, timeout);
	}

	/**
	 * The records of the topic with this key ({@code null}: every record), polled until
	 * {@code expected} are read or the timeout passes: tests that share a topic each read their own.
	 */
	public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers, String topic,
			@Nullable String key, int expected, Duration timeout) {
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.GROUP_ID_CONFIG,
						"test-reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + timeout.toNanos();
			while (records.size() < expected && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (key == null || key.equals(record.key())) {
						records.add(record);
					}
				}
			}
		}
		return records;
	}

}
