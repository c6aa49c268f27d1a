package io.cryptoviz.api.problem;

import java.net.URI;
import java.net.URISyntaxException;

import io.cryptoviz.api.influx.InfluxUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception a request can meet into a problem detail. Spring MVC's own (missing
 * parameter, wrong method, unknown path, ...) are handled by the base class; a failure nobody
 * foresaw is a 500 that is logged with its stack trace, and never shows it to the client.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	/** When a client should try again after InfluxDB failed to answer. */
	private static final String INFLUX_RETRY_AFTER_SECONDS = "5";

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalidParameter(InvalidParameterException ex, HttpServletRequest request) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_PARAMETER, "Invalid parameter",
				ex.getMessage(), request);
		problem.setProperty("parameter", ex.parameter());
		return respond(problem, null);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> tooManyPoints(TooManyPointsException ex, HttpServletRequest request) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.TOO_MANY_POINTS, "Too many points",
				ex.getMessage(), request);
		problem.setProperty("points", ex.points());
		problem.setProperty("max_points", ex.maxPoints());
		return respond(problem, null);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unknownCoin(UnknownCoinException ex, HttpServletRequest request) {
		return respond(problem(HttpStatus.NOT_FOUND, ProblemTypes.UNKNOWN_COIN, "Unknown coin", ex.getMessage(),
				request), null);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> noData(NoDataException ex, HttpServletRequest request) {
		return respond(problem(HttpStatus.NOT_FOUND, ProblemTypes.NO_DATA, "No data", ex.getMessage(), request),
				null);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> influxUnavailable(InfluxUnavailableException ex, HttpServletRequest request) {
		log.warn("Answering 503 to {} {}: {}", request.getMethod(), request.getRequestURI(), ex.getMessage());
		return respond(problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.INFLUX_UNAVAILABLE,
				"InfluxDB unavailable", "The price database is not answering; try again shortly.", request),
				INFLUX_RETRY_AFTER_SECONDS);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> serviceFull(ServiceFullException ex, HttpServletRequest request) {
		return respond(problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.STREAM_FULL, "Too many clients",
				ex.getMessage(), request), String.valueOf(Math.max(1, ex.retryAfter().toSeconds())));
	}

	/** Tomcat could not decode the query string: percent-encoding that is not UTF-8, for instance. */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> undecodableParameter(org.apache.tomcat.util.http.InvalidParameterException ex,
			HttpServletRequest request) {
		return respond(problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_PARAMETER, "Invalid parameter",
				"The query string could not be decoded: parameters must be percent-encoded UTF-8.", request), null);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) {
		log.error("Unexpected failure of {} {}", request.getMethod(), request.getRequestURI(), ex);
		return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, null, "Internal error",
				"The request failed on our side; it has been logged.", request), null);
	}

	static ProblemDetail problem(HttpStatus status, @Nullable URI type, String title, @Nullable String detail,
			HttpServletRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		if (type != null) {
			problem.setType(type);
		}
		problem.setTitle(title);
		URI instance = instance(request.getRequestURI());
		if (instance != null) {
			problem.setInstance(instance);
		}
		return problem;
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

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, @Nullable String retryAfter) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (retryAfter != null) {
			response.header(HttpHeaders.RETRY_AFTER, retryAfter);
		}
		return response.body(problem);
	}

}
