package io.cryptoviz.consumer.rollup;

import java.util.Collection;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * Forgets the buckets held in memory whenever partitions are assigned (Boot wires this into the
 * listener container). While a partition was another consumer's, that consumer may have stored
 * ticks in buckets we still hold; merging into our stale copy would write candles without them.
 * Read back from InfluxDB, the buckets hold everything stored.
 */
@Component
class RollupRebalanceListener implements ConsumerAwareRebalanceListener {

	private final Rollups rollups;

	RollupRebalanceListener(Rollups rollups) {
		this.rollups = rollups;
	}

	@Override
	public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		if (!partitions.isEmpty()) {
			this.rollups.forgetBuckets();
		}
	}

}
