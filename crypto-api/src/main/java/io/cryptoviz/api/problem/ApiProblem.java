package io.cryptoviz.api.problem;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A failure the API answers with a problem detail of its own type: the exception carries the
 * status, type, title and detail the client gets, so the problem handler needs no method for it.
 * The message is the detail, which is shown to the client.
 */
abstract class ApiProblem extends ErrorResponseException {

	ApiProblem(HttpStatus status, URI type, String title, String detail) {
		super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
		getBody().setType(type);
		getBody().setTitle(title);
	}

	@Override
	public String getMessage() {
		return String.valueOf(getBody().getDetail());
	}

}
