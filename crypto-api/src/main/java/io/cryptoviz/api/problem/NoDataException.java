package io.cryptoviz.api.problem;

import org.springframework.http.HttpStatus;

/** A tracked coin for which InfluxDB holds nothing yet: a 404. */
public class NoDataException extends ApiProblem {

	public NoDataException(String message) {
		super(HttpStatus.NOT_FOUND, ProblemTypes.NO_DATA, "No data", message);
	}

}
