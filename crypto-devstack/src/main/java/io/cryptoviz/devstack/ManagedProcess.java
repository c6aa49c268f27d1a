package io.cryptoviz.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * A child process with its output in a log file, started, awaited and stopped the same way for
 * every server the stack runs.
 */
final class ManagedProcess {

	private final String name;

	private final List<String> command;

	private final Map<String, String> environment;

	private final Path logFile;

	private @Nullable Process process;

	ManagedProcess(String name, List<String> command, Map<String, String> environment, Path logFile) {
		this.name = name;
		this.command = List.copyOf(command);
		this.environment = Map.copyOf(environment);
		this.logFile = logFile;
	}

	void start(BooleanSupplier ready, Duration timeout) {
		if (isRunning()) {
			return;
		}
		try {
			Files.createDirectories(this.logFile.getParent());
			ProcessBuilder builder = new ProcessBuilder(this.command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()));
			builder.environment().putAll(this.environment);
			Process started = builder.start();
			this.process = started;
			// a JVM that exits without stopping its servers (a test that failed early) must not
			// leave them behind; a graceful stop first, as the owner's own stop would do
			Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started, Duration.ofSeconds(20)),
					this.name + "-reaper"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + this.name + ": " + ex.getMessage(), ex);
		}
		awaitReady(ready, timeout);
	}

	private void awaitReady(BooleanSupplier ready, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (ready.getAsBoolean()) {
				return;
			}
			if (!isRunning()) {
				throw new IllegalStateException(this.name + " exited with code " + exitCode() + "; its log says:\n"
						+ tailOfLog(20));
			}
			pause(Duration.ofMillis(100));
		}
		stop(Duration.ofSeconds(5));
		throw new IllegalStateException(this.name + " was not ready within " + timeout + "; its log says:\n"
				+ tailOfLog(20));
	}

	/** Stops the process: SIGTERM, then SIGKILL after the grace period. */
	void stop(Duration grace) {
		if (this.process != null) {
			stop(this.process, grace);
		}
	}

	/** Kills the process at once, as a crash would. */
	void kill() {
		if (this.process != null) {
			kill(this.process);
		}
	}

	private static void stop(Process process, Duration grace) {
		if (!process.isAlive()) {
			return;
		}
		process.descendants().forEach(ProcessHandle::destroy);
		process.destroy();
		try {
			if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				kill(process);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			kill(process);
		}
	}

	private static void kill(Process process) {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
		try {
			process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	@Nullable Long pid() {
		return (this.process != null) ? this.process.pid() : null;
	}

	Path logFile() {
		return this.logFile;
	}

	String tailOfLog(int lines) {
		try {
			List<String> all = Files.readAllLines(this.logFile);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private String exitCode() {
		return (this.process != null && !this.process.isAlive()) ? String.valueOf(this.process.exitValue()) : "?";
	}

	static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
