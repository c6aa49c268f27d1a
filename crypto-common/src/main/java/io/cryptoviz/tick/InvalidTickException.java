package io.cryptoviz.tick;

/**
 * A tick that breaks the contract of topic {@code crypto-prices}. Its message is the reason a
 * dead-lettered record carries, so it names the field and the offending value.
 */
public class InvalidTickException extends IllegalArgumentException {

	public InvalidTickException(String reason) {
		super(reason);
	}

}
