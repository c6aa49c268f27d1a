package io.cryptoviz.ops;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The operator commands, in one jar:
 *
 * <pre>
 * java -jar crypto-ops/target/crypto-ops-*.jar COMMAND [options]
 * </pre>
 *
 * Each command validates its options before it sends anything, reads a token only from the
 * environment ({@code INFLUX_TOKEN}), and exits 0 when done, 1 when InfluxDB failed or refused,
 * 2 when the options make no sense.
 */
public final class Ops {

	private static final Map<String, Command> COMMANDS = new TreeMap<>(Map.of("delete-series", DeleteSeries::run));

	private Ops() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.getenv(), System.out, System.err));
	}

	static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
		Command command = (args.length > 0) ? COMMANDS.get(args[0]) : null;
		if (command == null) {
			err.println("Usage: java -jar crypto-ops.jar COMMAND [options]; COMMAND is one of "
					+ String.join(", ", COMMANDS.keySet()) + " (run one without options for its own usage)");
			return 2;
		}
		return command.run(Arrays.copyOfRange(args, 1, args.length), environment, out, err);
	}

	/** One operator command: its arguments after the command's name, and the exit status it ends with. */
	@FunctionalInterface
	interface Command {

		int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err);

	}

}
