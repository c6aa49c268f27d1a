package io.cryptoviz.consumer.rollup;

import java.util.Arrays;

/**
 * Whether the consumer runs as the rollup rebuild command ({@code --rebuild-rollups}) rather than
 * as the listener. The command is profile {@value #PROFILE}: no web server, no listener, and the
 * process exits when the rebuild is done.
 */
public final class RebuildMode {

	public static final String PROFILE = "rebuild-rollups";

	public static final String OPTION = "--rebuild-rollups";

	private RebuildMode() {
	}

	public static boolean isRequested(String... args) {
		return Arrays.asList(args).contains(OPTION);
	}

}
