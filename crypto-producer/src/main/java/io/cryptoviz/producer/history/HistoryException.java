package io.cryptoviz.producer.history;

/**
 * A step that could not be loaded: the price source or Kafka failed or refused. What it published stays
 * published; the step is tried again later. Its message is the log line's reason.
 */
public class HistoryException extends RuntimeException {

	public HistoryException(String message) {
		super(message, null, false, false);
	}

}
