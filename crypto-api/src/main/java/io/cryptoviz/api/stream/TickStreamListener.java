package io.cryptoviz.api.stream;

import java.util.EnumMap;
import java.util.Map;

import io.cryptoviz.api.cache.TickLedger;
import io.cryptoviz.api.latest.LatestPrice;
import io.cryptoviz.api.latest.LatestPrices;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
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

	private final TickLedger ledger;

	private final Map<TickSource, Counter> received = new EnumMap<>(TickSource.class);

	TickStreamListener(TickBroadcaster broadcaster, LatestPrices latest, TickLedger ledger, MeterRegistry meters) {
		this.broadcaster = broadcaster;
		this.latest = latest;
		this.ledger = ledger;
		for (TickSource source : TickSource.values()) {
			this.received.put(source, Counter.builder("crypto.api.ticks.received")
				.description("Ticks the API read from the topic (backfilled ones are not streamed)")
				.tag("source", source.id())
				.register(meters));
		}
	}

	@KafkaListener(id = ID, topics = "${cryptoviz.kafka.topic}",
			groupId = "${cryptoviz.api.stream.consumer-group-prefix}-${random.uuid}",
			properties = { "auto.offset.reset=latest", "enable.auto.commit=false" })
	void onTick(PriceTick tick, @Header(KafkaHeaders.RECEIVED_PARTITION) int partition,
			@Header(KafkaHeaders.OFFSET) long offset) {
		this.received.get(tick.source()).increment();
		// backfilled ticks too: they change the past that cached series show
		this.ledger.received(tick.crypto(), tick.timestamp(), partition, offset);
		// a backfill loads the past: thousands of old ticks that are no news for a live view
		if (tick.source() != TickSource.BACKFILL) {
			LatestPrice price = LatestPrice.of(tick);
			this.latest.accept(price);
			this.broadcaster.publish(price);
		}
	}

}
