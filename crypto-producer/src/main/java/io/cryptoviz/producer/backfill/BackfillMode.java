package io.cryptoviz.producer.backfill;

import java.util.Arrays;

/**
 * Whether the producer runs as the backfill command ({@code --backfill}) rather than as the live
 * poller. The command is profile {@value #PROFILE}: no web server, no polling, and the process exits
 * when the backfill is done.
 */
public final class BackfillMode {

	public static final String PROFILE = "backfill";

	public static final String OPTION = "--backfill";

	private BackfillMode() {
	}

	public static boolean isRequested(String... args) {
		return Arrays.asList(args).contains(OPTION);
	}

}
