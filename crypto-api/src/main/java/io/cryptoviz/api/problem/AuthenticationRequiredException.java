package io.cryptoviz.api.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** A request that changes state without a bearer token: a 401 saying how to authenticate. */
public class AuthenticationRequiredException extends ApiProblem {

	public AuthenticationRequiredException(String message) {
		super(HttpStatus.UNAUTHORIZED, ProblemTypes.AUTHENTICATION_REQUIRED, "Authentication required", message);
		getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"cryptoviz\"");
	}

}
