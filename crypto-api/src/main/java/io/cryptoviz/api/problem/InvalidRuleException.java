package io.cryptoviz.api.problem;

import org.springframework.http.HttpStatus;

/**
 * An alert rule with a missing, malformed or inconsistent field: a 400 naming it. The message is shown
 * to the client, so it quotes the offending value only through {@link InvalidParameterException#shown(String)}.
 */
public class InvalidRuleException extends ApiProblem {

	private final String field;

	public InvalidRuleException(String field, String message) {
		super(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_RULE, "Invalid alert rule", message);
		this.field = field;
		getBody().setProperty("field", field);
	}

	public String field() {
		return this.field;
	}

}
