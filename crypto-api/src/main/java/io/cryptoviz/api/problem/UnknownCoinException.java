package io.cryptoviz.api.problem;

/** A coin the API does not track: a 404. */
public class UnknownCoinException extends RuntimeException {

	public UnknownCoinException(String message) {
		super(message);
	}

}
