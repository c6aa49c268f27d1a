package io.cryptoviz.producer.publish;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cryptoviz.kafka.TopicProperties;
import io.cryptoviz.tick.PriceTick;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Publishes ticks to the ticks' topic, keyed by coin id so one coin's ticks stay ordered on one
 * partition, and waits for the broker's acknowledgement ({@code acks=all}, idempotent producer). A
 * record's timestamp is when it was published, on the producer's clock: the history loader finds each
 * coin's last tick by these timestamps.
 */
@Component
public class TickPublisher {

	private static final Logger logger = LoggerFactory.getLogger(TickPublisher.class);

	private final KafkaTemplate<String, PriceTick> kafka;

	private final String topic;

	private final MeterRegistry meters;

	private final Duration ackTimeout;

	private final Clock clock;

	TickPublisher(KafkaTemplate<String, PriceTick> kafka, TopicProperties topics, MeterRegistry meters,
			PublishProperties properties, Clock clock) {
		this.kafka = kafka;
		this.topic = topics.topic();
		this.meters = meters;
		this.ackTimeout = properties.ackTimeout();
		this.clock = clock;
		// at zero from the start, so a dashboard shows 0 rather than "No data"
		meters.counter("crypto.ticks.unacknowledged");
	}

	/**
	 * Sends every tick and waits for the acknowledgements.
	 * @return the ticks the broker acknowledged; the others were not stored and may be sent again
	 */
	public List<PriceTick> publish(List<PriceTick> ticks) {
		List<CompletableFuture<SendResult<String, PriceTick>>> sends = new ArrayList<>(ticks.size());
		long now = this.clock.millis();
		for (PriceTick tick : ticks) {
			sends.add(this.kafka.send(new ProducerRecord<>(this.topic, null, now, tick.key(), tick)));
		}
		List<PriceTick> acknowledged = new ArrayList<>(ticks.size());
		String firstFailure = null;
		for (int i = 0; i < ticks.size(); i++) {
			PriceTick tick = ticks.get(i);
			try {
				sends.get(i).get(this.ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
				acknowledged.add(tick);
				this.meters.counter("crypto.ticks.published", "source", tick.source().id()).increment();
			}
			catch (ExecutionException | TimeoutException ex) {
				firstFailure = (firstFailure != null) ? firstFailure : describe(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				firstFailure = "interrupted";
				break;
			}
		}
		if (acknowledged.size() < ticks.size()) {
			this.meters.counter("crypto.ticks.unacknowledged").increment(ticks.size() - acknowledged.size());
			logger.warn("Kafka did not acknowledge {} of {} ticks ({}); they will be sent again with the next poll",
					ticks.size() - acknowledged.size(), ticks.size(), firstFailure);
		}
		return acknowledged;
	}

	private static String describe(Exception ex) {
		Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
		return cause.getClass().getSimpleName() + ((cause.getMessage() != null) ? ": " + cause.getMessage() : "");
	}

}
