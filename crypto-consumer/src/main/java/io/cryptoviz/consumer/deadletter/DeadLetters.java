package io.cryptoviz.consumer.deadletter;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * Sends a record that can never be stored to the dead-letter topic, with the reason in its
 * headers, and returns only once the broker has it: the record's offset may then be committed.
 * A record that failed to deserialize goes there with its original bytes.
 */
@Component
public class DeadLetters {

	/** Header with the one-line reason a record was dead-lettered. */
	public static final String REASON_HEADER = "cryptoviz-dlt-reason";

	private final DeadLetterPublishingRecoverer recoverer;

	DeadLetters(DeadLetterPublishingRecoverer recoverer) {
		this.recoverer = recoverer;
	}

	public void send(ConsumerRecord<?, ?> record, DeadLetterException reason) {
		this.recoverer.accept(record, reason);
	}

}
