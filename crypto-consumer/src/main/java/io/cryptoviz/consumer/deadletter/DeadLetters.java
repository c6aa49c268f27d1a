package io.cryptoviz.consumer.deadletter;

import java.util.EnumMap;
import java.util.Map;

import io.cryptoviz.consumer.deadletter.DeadLetterException.Kind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * Sends a record that can never be stored to the dead-letter topic, with the reason in its
 * headers, and returns only once the broker has it: the record's offset may then be committed.
 * A record that failed to deserialize goes there with its original bytes. Each is counted by
 * the kind of its reason.
 */
@Component
public class DeadLetters {

	/** Header with the one-line reason a record was dead-lettered. */
	public static final String REASON_HEADER = "cryptoviz-dlt-reason";

	private final DeadLetterPublishingRecoverer recoverer;

	private final Map<Kind, Counter> sent = new EnumMap<>(Kind.class);

	DeadLetters(DeadLetterPublishingRecoverer recoverer, MeterRegistry meters) {
		this.recoverer = recoverer;
		// every reason at zero from the start, so a dashboard shows 0 rather than "No data"
		for (Kind kind : Kind.values()) {
			this.sent.put(kind, meters.counter("crypto.records.dead.lettered", "reason", kind.tag()));
		}
	}

	public void send(ConsumerRecord<?, ?> record, DeadLetterException reason) {
		this.recoverer.accept(record, reason);
		this.sent.get(reason.kind()).increment();
	}

}
