package io.cryptoviz.e2e.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command line run to its end, its output (stdout and stderr together) kept for the test to read. */
record Command(List<String> arguments, int exitCode, String output) {

	static Command run(List<String> arguments, Map<String, String> environment, Duration timeout) {
		try {
			Path output = Files.createTempFile("cryptoviz-command", ".log");
			try {
				ProcessBuilder builder = new ProcessBuilder(arguments).redirectErrorStream(true)
					.redirectOutput(output.toFile())
					.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
				builder.environment().putAll(environment);
				Process process = builder.start();
				if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					process.descendants().forEach(ProcessHandle::destroy);
					process.destroy();
					process.waitFor(10, TimeUnit.SECONDS);
					throw new IllegalStateException(String.join(" ", arguments) + " did not finish within " + timeout
							+ "; it printed:\n" + tail(Files.readString(output), 60));
				}
				return new Command(List.copyOf(arguments), process.exitValue(), Files.readString(output));
			}
			finally {
				Files.deleteIfExists(output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run " + String.join(" ", arguments) + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	static Command run(String... arguments) {
		return run(List.of(arguments), Map.of(), Duration.ofMinutes(2));
	}

	boolean succeeded() {
		return this.exitCode == 0;
	}

	/** This command's output, or an exception that says what failed and what it printed. */
	String orFail() {
		if (!succeeded()) {
			throw new IllegalStateException(String.join(" ", this.arguments) + " exited with " + this.exitCode
					+ "; it printed:\n" + tail(this.output, 60));
		}
		return this.output;
	}

	List<String> lines() {
		List<String> lines = new ArrayList<>();
		for (String line : this.output.split("\n")) {
			if (!line.isBlank()) {
				lines.add(line.strip());
			}
		}
		return lines;
	}

	static String tail(String text, int lines) {
		String[] all = text.split("\n");
		return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
	}

	/** Whether {@code program} is an executable on the PATH. */
	static boolean onPath(String program) {
		return which(program) != null;
	}

	static Path which(String program) {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
			Path candidate = Path.of(directory, program);
			if (!directory.isEmpty() && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

}
