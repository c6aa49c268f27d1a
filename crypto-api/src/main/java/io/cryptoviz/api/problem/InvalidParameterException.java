package io.cryptoviz.api.problem;

import org.springframework.http.HttpStatus;

/**
 * A request parameter that is malformed, unknown or inconsistent with another: a 400 naming it.
 * The message is shown to the client, so it quotes the offending value only through
 * {@link #shown(String)}.
 */
public class InvalidParameterException extends ApiProblem {

	private static final int MAX_SHOWN = 40;

	private final String parameter;

	public InvalidParameterException(String parameter, String message) {
		super(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_PARAMETER, "Invalid parameter", message);
		this.parameter = parameter;
		getBody().setProperty("parameter", parameter);
	}

	public String parameter() {
		return this.parameter;
	}

	/**
	 * A client's value fit to quote back: at most 40 characters, control and other invisible
	 * characters replaced, so an error message can neither grow with the input nor forge lines.
	 */
	public static String shown(String value) {
		StringBuilder shown = new StringBuilder("'");
		value.codePoints().limit(MAX_SHOWN).forEach((codePoint) -> {
			int type = Character.getType(codePoint);
			boolean invisible = Character.isISOControl(codePoint) || type == Character.FORMAT
					|| type == Character.SURROGATE || type == Character.UNASSIGNED
					|| type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
					|| type == Character.PRIVATE_USE;
			shown.appendCodePoint(invisible ? '\uFFFD' : codePoint);
		});
		shown.append('\'');
		if (value.codePointCount(0, value.length()) > MAX_SHOWN) {
			shown.append("… (").append(value.length()).append(" chars)");
		}
		return shown.toString();
	}

}
