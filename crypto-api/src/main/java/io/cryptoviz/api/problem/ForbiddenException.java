package io.cryptoviz.api.problem;

import org.springframework.http.HttpStatus;

/** A request that changes state with a token that does not allow it: a 403. */
public class ForbiddenException extends ApiProblem {

	public ForbiddenException(String message) {
		super(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", message);
	}

}
