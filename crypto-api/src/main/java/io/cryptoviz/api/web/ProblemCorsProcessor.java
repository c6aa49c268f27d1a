package io.cryptoviz.api.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.DefaultCorsProcessor;

/** Spring's CORS checks, with a refused request answered by a problem detail, not plain text. */
class ProblemCorsProcessor extends DefaultCorsProcessor {

	private static final byte[] FORBIDDEN = ("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
			+ "\"detail\":\"This cross-origin request is not allowed: the origin or the method is not in the "
			+ "API's CORS allow-list.\"}")
		.getBytes(StandardCharsets.UTF_8);

	@Override
	protected void rejectRequest(ServerHttpResponse response) throws IOException {
		response.setStatusCode(HttpStatus.FORBIDDEN);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getBody().write(FORBIDDEN);
		response.flush();
	}

}
