package io.cryptoviz.api.influx;

/**
 * InfluxDB could not answer a query: unreachable, refusing us (authentication, missing
 * database) or answering something unreadable. Requests that needed it get a 503.
 */
public class InfluxUnavailableException extends RuntimeException {

	public InfluxUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
