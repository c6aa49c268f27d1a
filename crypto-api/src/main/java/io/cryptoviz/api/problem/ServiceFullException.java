package io.cryptoviz.api.problem;

import java.time.Duration;

/** A bounded resource (the live stream's client slots) is full: a 503 with {@code Retry-After}. */
public class ServiceFullException extends RuntimeException {

	private final Duration retryAfter;

	public ServiceFullException(String message, Duration retryAfter) {
		super(message);
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

}
