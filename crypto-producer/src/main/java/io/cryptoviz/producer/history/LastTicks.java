package io.cryptoviz.producer.history;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickJson;
import io.cryptoviz.tick.TickSource;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * Finds each coin's last tick on the ticks' topic without reading the topic: it reads the records published
 * in a window before a cut-off, found by time ({@code offsetsForTimes}), and widens the window backwards,
 * four times at each round, only on the partitions of the coins not found yet, up to a horizon.
 * <p>
 * A record's timestamp is when it was published, and no tick is published before its event time less the
 * clock skew the poller allows ({@code max-clock-skew}): so once a coin's latest event time in the window
 * is later than the window's start plus that skew, no older record can hold a later one, and the coin is
 * done. Records published at or after the cut-off (this instance's own live ticks, which start the
 * coverage it knows of) are not counted. Values are parsed only for the coins still looked for. The cut-off
 * is on the producer's clock, the system's, as the records' timestamps are (the Kafka client's time).
 */
final class LastTicks {

	private static final Duration POLL = Duration.ofMillis(500);

	private static final Duration SLICE_TIMEOUT = Duration.ofSeconds(60);

	private static final int WIDENING = 4;

	private final Supplier<Consumer<String, byte[]>> consumers;

	private final String topic;

	private final Duration clockSkew;

	LastTicks(Supplier<Consumer<String, byte[]>> consumers, String topic, Duration clockSkew) {
		this.consumers = consumers;
		this.topic = topic;
		this.clockSkew = clockSkew;
	}

	/**
	 * @param coins the coins to look for
	 * @param sources the ticks that count
	 * @param cutoff records published from then on are left out
	 * @param firstWindow how far back the first round reads
	 * @param horizon how far back the last round reads: a coin not found by then has no tick
	 */
	Found find(Collection<String> coins, Set<TickSource> sources, Instant cutoff, Duration firstWindow,
			Duration horizon) {
		long started = System.nanoTime();
		Map<String, PriceTick> last = new HashMap<>();
		Set<String> wanted = new HashSet<>(coins);
		long read = 0;
		Duration window = firstWindow;
		try (Consumer<String, byte[]> consumer = this.consumers.get()) {
			List<PartitionInfo> infos = consumer.partitionsFor(this.topic, SLICE_TIMEOUT);
			if (infos == null || infos.isEmpty() || wanted.isEmpty()) {
				return new Found(last, 0, Duration.ZERO, elapsed(started));
			}
			List<TopicPartition> partitions = infos.stream()
				.map((info) -> new TopicPartition(this.topic, info.partition()))
				.toList();
			Map<TopicPartition, Long> beginning = consumer.beginningOffsets(partitions, SLICE_TIMEOUT);
			Map<TopicPartition, Long> upper = new HashMap<>(consumer.endOffsets(partitions, SLICE_TIMEOUT));
			startingAt(consumer, partitions, cutoff).forEach((partition, offset) -> {
				if (offset != null) {
					upper.put(partition, offset);
				}
			});
			Duration limit = horizon.plus(this.clockSkew);
			while (!wanted.isEmpty()) {
				boolean lastRound = window.compareTo(limit) >= 0;
				Instant from = cutoff.minus(lastRound ? limit : window);
				Set<TopicPartition> searched = new HashSet<>();
				for (String coin : wanted) {
					searched.add(new TopicPartition(this.topic, partitionOf(coin, partitions.size())));
				}
				searched.removeIf((partition) -> upper.get(partition) <= beginning.get(partition));
				if (searched.isEmpty()) {
					break;
				}
				Map<TopicPartition, Long> starts = startingAt(consumer, searched, from);
				for (TopicPartition partition : searched) {
					Long start = starts.get(partition);
					long first = (start != null) ? Math.min(start, upper.get(partition)) : upper.get(partition);
					read += readSlice(consumer, partition, first, upper.get(partition), wanted, sources, cutoff, last);
					upper.put(partition, first);
				}
				Instant certain = from.plus(this.clockSkew);
				wanted.removeIf((coin) -> last.containsKey(coin) && !last.get(coin).timestamp().isBefore(certain));
				if (lastRound) {
					break;
				}
				window = window.multipliedBy(WIDENING);
			}
		}
		return new Found(last, read, window.compareTo(horizon) > 0 ? horizon : window, elapsed(started));
	}

	/** The partition the producer's default partitioner gives this key: murmur2 of its bytes. */
	static int partitionOf(String coin, int partitions) {
		return Utils.toPositive(Utils.murmur2(coin.getBytes(StandardCharsets.UTF_8))) % partitions;
	}

	private static Map<TopicPartition, Long> startingAt(Consumer<String, byte[]> consumer,
			Collection<TopicPartition> partitions, Instant time) {
		Map<TopicPartition, Long> query = new HashMap<>();
		partitions.forEach((partition) -> query.put(partition, Math.max(0, time.toEpochMilli())));
		Map<TopicPartition, Long> offsets = new HashMap<>();
		Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, SLICE_TIMEOUT);
		partitions.forEach((partition) -> {
			OffsetAndTimestamp at = found.get(partition);
			offsets.put(partition, (at != null) ? at.offset() : null);
		});
		return offsets;
	}

	private long readSlice(Consumer<String, byte[]> consumer, TopicPartition partition, long first, long end,
			Set<String> wanted, Set<TickSource> sources, Instant cutoff, Map<String, PriceTick> last) {
		if (first >= end) {
			return 0;
		}
		consumer.assign(List.of(partition));
		consumer.seek(partition, first);
		long read = 0;
		long deadline = System.nanoTime() + SLICE_TIMEOUT.toNanos();
		while (consumer.position(partition) < end) {
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException("reading " + partition + " from offset " + first + " to " + end
						+ " took more than " + SLICE_TIMEOUT.toSeconds() + " s");
			}
			for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
				if (record.offset() >= end) {
					break;
				}
				read++;
				if (record.key() != null && wanted.contains(record.key()) && record.value() != null
						&& record.timestamp() < cutoff.toEpochMilli()) {
					PriceTick tick = tick(record.value());
					if (tick != null && sources.contains(tick.source()) && tick.crypto().equals(record.key())) {
						last.merge(tick.crypto(), tick,
								(known, found) -> found.timestamp().isAfter(known.timestamp()) ? found : known);
					}
				}
			}
		}
		return read;
	}

	private static PriceTick tick(byte[] value) {
		try {
			return TickJson.strictMapper().readValue(value, PriceTick.class);
		}
		catch (RuntimeException poison) {
			// the consumer dead-letters it; it says nothing of what was published
			return null;
		}
	}

	private static Duration elapsed(long started) {
		return Duration.ofNanos(System.nanoTime() - started);
	}

	/**
	 * @param last each coin's last tick found, for the coins that have one
	 * @param recordsRead records read
	 * @param reachedBack how far before the cut-off the last round read
	 * @param took how long it took
	 */
	record Found(Map<String, PriceTick> last, long recordsRead, Duration reachedBack, Duration took) {
	}

}
