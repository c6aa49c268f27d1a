package io.cryptoviz.consumer.listen;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.RetryListener;

/** One log line per failed attempt at a batch, so an outage is visible while it lasts. */
class BatchRetryLogger implements RetryListener {

	private static final Logger logger = LoggerFactory.getLogger(BatchRetryLogger.class);

	@Override
	public void failedDelivery(ConsumerRecord<?, ?> record, @Nullable Exception ex, int deliveryAttempt) {
		logger.warn("Could not store record {}-{}@{} (attempt {}): {}; retrying", record.topic(), record.partition(),
				record.offset(), deliveryAttempt, message(ex));
	}

	@Override
	public void failedDelivery(ConsumerRecords<?, ?> records, @Nullable Exception ex, int deliveryAttempt) {
		logger.warn("Could not store a batch of {} records (attempt {}): {}; consumer paused, retrying",
				records.count(), deliveryAttempt, message(ex));
	}

	private static String message(@Nullable Exception ex) {
		if (ex == null) {
			return "unknown failure";
		}
		// the container wraps the listener's exception, whose message is the useful one
		Throwable cause = (ex instanceof ListenerExecutionFailedException && ex.getCause() != null) ? ex.getCause()
				: ex;
		return (cause.getMessage() != null) ? cause.getMessage() : cause.toString();
	}

}
