package io.cryptoviz.api.problem;

import org.springframework.http.HttpStatus;

/** A coin the API does not track: a 404. */
public class UnknownCoinException extends ApiProblem {

	public UnknownCoinException(String message) {
		super(HttpStatus.NOT_FOUND, ProblemTypes.UNKNOWN_COIN, "Unknown coin", message);
	}

}
