package io.cryptoviz.producer.backfill;

/**
 * A backfill that cannot start or cannot finish. Its message is the one line the command prints,
 * so it says what went wrong and what to do.
 */
class BackfillException extends RuntimeException {

	private final boolean usage;

	private BackfillException(String message, boolean usage) {
		super(message, null, false, false);
		this.usage = usage;
	}

	/** The command was asked for something it cannot do: bad options, an impossible period. */
	static BackfillException usage(String message) {
		return new BackfillException(message, true);
	}

	/** The run failed on the way: CoinGecko or Kafka refused or gave up. */
	static BackfillException failed(String message) {
		return new BackfillException(message, false);
	}

	boolean isUsage() {
		return this.usage;
	}

	BackfillException withHint(String hint) {
		return new BackfillException(getMessage() + "; " + hint, this.usage);
	}

}
