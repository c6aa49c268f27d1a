package io.cryptoviz.api.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * What the API knows of the ticks the consumer stores, so that a cached series never holds a bucket
 * older than the last tick stored for it. The API reads every tick from the topic for its live
 * stream, usually before the consumer has stored it; the tick is stored once the consumer's group
 * has committed past its offset (the consumer commits only what InfluxDB holds, candles included).
 * <ul>
 * <li>A tick <em>received</em> changes the {@link #version} of every range of its coin that holds
 * its time: answers cached before are no longer asked for.</li>
 * <li>Until its offset is <em>committed</em>, a range that holds it has no version: it is read
 * from InfluxDB on every request and never cached, since the answer may come before the tick is
 * stored. An eviction alone would let such a read fill the cache again with the older answer.</li>
 * </ul>
 * A version is the sequence number of the last tick received in the range, so a change can never
 * be missed by a read that was under way when it came. Received ticks are remembered as long as
 * an answer cached before them may live ({@code retain}), as one span per coin and hour of event
 * time: a tick makes stale the answers of its hour, a few more than it has to at most.
 */
public class TickLedger implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TickLedger.class);

	/** Ticks of one coin this close in event time share one span. */
	private static final Duration SPAN = Duration.ofHours(1);

	private final Map<String, CoinTicks> coins = new ConcurrentHashMap<>();

	private final AtomicLong sequence = new AtomicLong();

	private final @Nullable KafkaAdmin kafkaAdmin;

	private final String topic;

	private final String storedBy;

	private final Duration checkEvery;

	private final Duration retain;

	private final Clock clock;

	private volatile @Nullable Admin admin;

	private volatile @Nullable ScheduledExecutorService executor;

	private volatile boolean warned;

	/**
	 * @param kafkaAdmin where the consumer's committed offsets are read; {@code null} where no
	 * tick is ever stored by a consumer (then received ticks stay uncommitted)
	 * @param topic the ticks' topic
	 * @param storedBy the consumer's group id
	 * @param checkEvery how often its committed offsets are read while a received tick is not known stored
	 * @param retain how long a received tick is remembered: longer than any cached answer lives
	 */
	public TickLedger(@Nullable KafkaAdmin kafkaAdmin, String topic, String storedBy, Duration checkEvery,
			Duration retain, Clock clock, MeterRegistry meters) {
		this.kafkaAdmin = kafkaAdmin;
		this.topic = topic;
		this.storedBy = storedBy;
		this.checkEvery = checkEvery;
		this.retain = retain;
		this.clock = clock;
		Gauge.builder("crypto.api.cache.unstored.coins", this, TickLedger::unstoredCoins)
			.description("Coins with a tick read from the topic that the consumer has not committed yet: "
					+ "series holding it are read from InfluxDB, not cached")
			.register(meters);
	}

	/** A tick read from the topic, at its partition and offset. */
	public void received(String coin, Instant time, int partition, long offset) {
		long seq = this.sequence.incrementAndGet();
		Instant now = this.clock.instant();
		this.coins.compute(coin, (key, ticks) -> ((ticks != null) ? ticks : CoinTicks.NONE).received(seq, time,
				partition, offset, now, now.minus(this.retain)));
	}

	/**
	 * The version of the coins' series over [from, to): it changes with every tick received in it.
	 * Empty while a tick received in it is not known to be stored: such a series must not be cached.
	 */
	public OptionalLong version(Collection<String> coins, Instant from, Instant to) {
		long version = 0;
		for (String coin : coins) {
			CoinTicks ticks = this.coins.get(coin);
			if (ticks == null) {
				continue;
			}
			if (ticks.unstored() != null && ticks.unstored().overlaps(from, to)) {
				return OptionalLong.empty();
			}
			for (Span span : ticks.spans()) {
				if (span.overlaps(from, to)) {
					version = Math.max(version, span.seq());
				}
			}
		}
		return OptionalLong.of(version);
	}

	/** Marks stored every received tick below the consumer's committed offsets; public for tests. */
	public void checkStored() {
		if (this.coins.values().stream().noneMatch((ticks) -> ticks.unstored() != null)) {
			return;
		}
		Map<TopicPartition, OffsetAndMetadata> committed;
		try {
			committed = committed();
		}
		catch (Exception ex) {
			if (!this.warned) {
				this.warned = true;
				log.warn("Cannot read the committed offsets of consumer group '{}' (series of coins with ticks on their "
						+ "way are read from InfluxDB until it can): {}", this.storedBy, ex.toString());
			}
			return;
		}
		this.warned = false;
		this.coins.replaceAll((coin, ticks) -> ticks.storedUpTo(committed, this.topic));
	}

	private Map<TopicPartition, OffsetAndMetadata> committed() throws Exception {
		Admin client = this.admin;
		if (client == null) {
			return Map.of();
		}
		Map<TopicPartition, OffsetAndMetadata> offsets = client.listConsumerGroupOffsets(this.storedBy)
			.partitionsToOffsetAndMetadata()
			.get(this.checkEvery.multipliedBy(10).toMillis(), TimeUnit.MILLISECONDS);
		return (offsets != null) ? offsets : Map.of();
	}

	/** What is known of the coin's ticks. */
	CoinTicks ticksOf(String coin) {
		return this.coins.getOrDefault(coin, CoinTicks.NONE);
	}

	private double unstoredCoins() {
		return this.coins.values().stream().filter((ticks) -> ticks.unstored() != null).count();
	}

	@Override
	public void start() {
		if (this.kafkaAdmin != null) {
			this.admin = Admin.create(this.kafkaAdmin.getConfigurationProperties());
		}
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "series-cache-stored-ticks");
			thread.setDaemon(true);
			return thread;
		});
		long period = this.checkEvery.toMillis();
		scheduler.scheduleWithFixedDelay(this::checkStored, period, period, TimeUnit.MILLISECONDS);
		this.executor = scheduler;
	}

	@Override
	public void stop() {
		ScheduledExecutorService scheduler = this.executor;
		if (scheduler != null) {
			scheduler.shutdownNow();
			this.executor = null;
		}
		Admin client = this.admin;
		if (client != null) {
			client.close(Duration.ofSeconds(2));
			this.admin = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

	/**
	 * Event time a tick or ticks of one coin cover.
	 *
	 * @param seq the sequence number of the last tick received in it
	 * @param at when it was last received
	 */
	record Span(long seq, Instant from, Instant to, Instant at) {

		/** Whether [from, to] meets [start, end). */
		boolean overlaps(Instant start, Instant end) {
			return !this.to.isBefore(start) && this.from.isBefore(end);
		}

		Span with(long seq, Instant time, Instant at) {
			return new Span(seq, min(this.from, time), max(this.to, time), at);
		}

	}

	/**
	 * The received ticks of one coin that its consumer has not committed yet: their event time,
	 * and the highest offset (one coin's ticks share a partition, the coin being the key).
	 */
	record Unstored(Instant from, Instant to, int partition, long offset) {

		boolean overlaps(Instant start, Instant end) {
			return !this.to.isBefore(start) && this.from.isBefore(end);
		}

	}

	/** What is known of one coin; immutable, replaced on every change. */
	record CoinTicks(List<Span> spans, @Nullable Unstored unstored) {

		static final CoinTicks NONE = new CoinTicks(List.of(), null);

		CoinTicks received(long seq, Instant time, int partition, long offset, Instant now, Instant forgetBefore) {
			List<Span> kept = new ArrayList<>(this.spans.size() + 1);
			boolean merged = false;
			for (Span span : this.spans) {
				if (span.at().isBefore(forgetBefore)) {
					continue;
				}
				if (!merged && Duration.between(min(span.from(), time), max(span.to(), time)).compareTo(SPAN) <= 0) {
					kept.add(span.with(seq, time, now));
					merged = true;
				}
				else {
					kept.add(span);
				}
			}
			if (!merged) {
				kept.add(new Span(seq, time, time, now));
			}
			Unstored waiting = (this.unstored == null) ? new Unstored(time, time, partition, offset)
					: new Unstored(min(this.unstored.from(), time), max(this.unstored.to(), time), partition,
							Math.max(this.unstored.offset(), offset));
			return new CoinTicks(List.copyOf(kept), waiting);
		}

		CoinTicks storedUpTo(Map<TopicPartition, OffsetAndMetadata> committed, String topic) {
			if (this.unstored == null) {
				return this;
			}
			OffsetAndMetadata offset = committed.get(new TopicPartition(topic, this.unstored.partition()));
			// a committed offset is the next record to read: every record below it is stored
			return (offset != null && offset.offset() > this.unstored.offset()) ? new CoinTicks(this.spans, null) : this;
		}

	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

}
