package io.cryptoviz.api.problem;

import org.springframework.http.HttpStatus;

/**
 * A request whose answer would exceed the configured number of points: a 400 that says how to
 * narrow it, with the points it would have and the limit.
 */
public class TooManyPointsException extends ApiProblem {

	private final long points;

	private final int maxPoints;

	public TooManyPointsException(String message, long points, int maxPoints) {
		super(HttpStatus.BAD_REQUEST, ProblemTypes.TOO_MANY_POINTS, "Too many points", message);
		this.points = points;
		this.maxPoints = maxPoints;
		getBody().setProperty("points", points);
		getBody().setProperty("max_points", maxPoints);
	}

	public long points() {
		return this.points;
	}

	public int maxPoints() {
		return this.maxPoints;
	}

}
