package io.cryptoviz.api.problem;

import org.springframework.http.HttpStatus;

/** An alert rule id that names no rule: a 404. */
public class UnknownRuleException extends ApiProblem {

	public UnknownRuleException(String message) {
		super(HttpStatus.NOT_FOUND, ProblemTypes.UNKNOWN_RULE, "Unknown alert rule", message);
	}

}
