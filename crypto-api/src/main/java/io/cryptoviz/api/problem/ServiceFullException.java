package io.cryptoviz.api.problem;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** A bounded resource (the live stream's client slots) is full: a 503 with {@code Retry-After}. */
public class ServiceFullException extends ApiProblem {

	public ServiceFullException(String message, Duration retryAfter) {
		super(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.STREAM_FULL, "Too many clients", message);
		getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
	}

}
