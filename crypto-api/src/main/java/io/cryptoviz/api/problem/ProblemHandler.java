package io.cryptoviz.api.problem;

import java.net.URI;
import java.net.URISyntaxException;

import io.cryptoviz.influx.InfluxUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception a request can meet into a problem detail. The API's own problems carry
 * their status and type ({@link ApiProblem}) and Spring MVC's (missing parameter, wrong method,
 * unknown path, ...) are Spring's; the base class answers both. What is left here is special:
 * InfluxDB failing (a 503 that is logged and tells the client nothing of it), a query string
 * Tomcat could not decode, and a failure nobody foresaw (a 500 that is logged with its stack
 * trace, and never shows it to the client). Every answer is {@code application/problem+json},
 * whatever the client accepts, with the request's path as its instance.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	/** When a client should try again after InfluxDB failed to answer. */
	private static final String INFLUX_RETRY_AFTER_SECONDS = "5";

	@ExceptionHandler
	ResponseEntity<Object> influxUnavailable(InfluxUnavailableException ex, NativeWebRequest request) {
		log.warn("Answering 503 to {} {}: {}", method(request), path(request), ex.getMessage());
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, INFLUX_RETRY_AFTER_SECONDS);
		return respond(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.INFLUX_UNAVAILABLE, "InfluxDB unavailable",
				"The price database is not answering; try again shortly.", headers, request);
	}

	/** Tomcat could not decode the query string: percent-encoding that is not UTF-8, for instance. */
	@ExceptionHandler
	ResponseEntity<Object> undecodableParameter(org.apache.tomcat.util.http.InvalidParameterException ex,
			NativeWebRequest request) {
		return respond(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_PARAMETER, "Invalid parameter",
				"The query string could not be decoded: parameters must be percent-encoded UTF-8.", new HttpHeaders(),
				request);
	}

	@ExceptionHandler
	ResponseEntity<Object> unexpected(Exception ex, NativeWebRequest request) {
		log.error("Unexpected failure of {} {}", method(request), path(request), ex);
		return respond(HttpStatus.INTERNAL_SERVER_ERROR, null, "Internal error",
				"The request failed on our side; it has been logged.", new HttpHeaders(), request);
	}

	private ResponseEntity<Object> respond(HttpStatus status, @Nullable URI type, String title, String detail,
			HttpHeaders headers, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		if (type != null) {
			problem.setType(type);
		}
		problem.setTitle(title);
		return createResponseEntity(problem, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(statusCode).headers(headers);
		if (body instanceof ProblemDetail problem) {
			if (problem.getInstance() == null) {
				problem.setInstance(instance(path(request)));
			}
			response.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
		return response.body(body);
	}

	/** The request's path as the problem's instance, when it is a valid URI reference. */
	static @Nullable URI instance(@Nullable String path) {
		if (path == null || path.isEmpty() || path.length() > 2000) {
			return null;
		}
		try {
			return new URI(path);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static @Nullable String path(WebRequest request) {
		HttpServletRequest servlet = (request instanceof NativeWebRequest nativeRequest)
				? nativeRequest.getNativeRequest(HttpServletRequest.class) : null;
		return (servlet != null) ? servlet.getRequestURI() : null;
	}

	private static String method(NativeWebRequest request) {
		HttpServletRequest servlet = request.getNativeRequest(HttpServletRequest.class);
		return (servlet != null) ? servlet.getMethod() : "?";
	}

}
