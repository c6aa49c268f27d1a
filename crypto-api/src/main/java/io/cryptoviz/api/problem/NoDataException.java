package io.cryptoviz.api.problem;

/** A tracked coin for which InfluxDB holds nothing yet: a 404. */
public class NoDataException extends RuntimeException {

	public NoDataException(String message) {
		super(message);
	}

}
