package io.cryptoviz.api.problem;

/**
 * A request whose answer would exceed the configured number of points: a 400 that says how to
 * narrow it.
 */
public class TooManyPointsException extends RuntimeException {

	private final long points;

	private final int maxPoints;

	public TooManyPointsException(String message, long points, int maxPoints) {
		super(message);
		this.points = points;
		this.maxPoints = maxPoints;
	}

	public long points() {
		return this.points;
	}

	public int maxPoints() {
		return this.maxPoints;
	}

}
