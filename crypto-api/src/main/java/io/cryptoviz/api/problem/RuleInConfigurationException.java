package io.cryptoviz.api.problem;

import org.springframework.http.HttpStatus;

/** A change over HTTP to an alert rule that the configuration declares, and only the configuration changes: a 409. */
public class RuleInConfigurationException extends ApiProblem {

	public RuleInConfigurationException(String message) {
		super(HttpStatus.CONFLICT, ProblemTypes.RULE_IN_CONFIGURATION, "Alert rule declared in configuration", message);
	}

}
