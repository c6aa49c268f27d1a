package io.cryptoviz.api.stream;

import io.cryptoviz.api.latest.LatestPrice;
import io.cryptoviz.api.latest.LatestPrices;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickSource;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads the ticks' topic for the live stream and the latest prices. Its consumer group is this instance's own (a
 * random suffix), so every API instance sees every tick, and it starts at the latest offset:
 * the stream is about what happens from now on. It never acknowledges, so it commits no offset
 * (the group leaves nothing behind when the instance stops) and touches no one else's.
 */
@Component
class TickStreamListener {

	static final String ID = "crypto-api-stream";

	private final TickBroadcaster broadcaster;

	private final LatestPrices latest;

	TickStreamListener(TickBroadcaster broadcaster, LatestPrices latest) {
		this.broadcaster = broadcaster;
		this.latest = latest;
	}

	@KafkaListener(id = ID, topics = "${cryptoviz.kafka.topic}",
			groupId = "${cryptoviz.api.stream.consumer-group-prefix}-${random.uuid}",
			properties = { "auto.offset.reset=latest", "enable.auto.commit=false" })
	void onTick(PriceTick tick) {
		// a backfill loads the past: thousands of old ticks that are no news for a live view
		if (tick.source() != TickSource.BACKFILL) {
			LatestPrice price = LatestPrice.of(tick);
			this.latest.accept(price);
			this.broadcaster.publish(price);
		}
	}

}
