package io.cryptoviz.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * A server this machine runs as a child process (InfluxDB, a Kafka broker, a service), stopped,
 * killed and inspected the same way whatever it is; each kind says how it starts and when it is
 * ready.
 */
public abstract class LocalServer implements AutoCloseable {

	private final ManagedProcess process;

	private final Duration stopGrace;

	LocalServer(ManagedProcess process, Duration stopGrace) {
		this.process = process;
		this.stopGrace = stopGrace;
	}

	void startProcess(BooleanSupplier ready, Duration timeout) {
		this.process.start(ready, timeout);
	}

	/** A graceful stop (SIGTERM), then SIGKILL after a grace period, as an orchestrator stops a container. */
	public void stop() {
		this.process.stop(this.stopGrace);
	}

	/** Kills the server at once (SIGKILL), as a crash would. */
	public void kill() {
		this.process.kill();
	}

	public boolean isRunning() {
		return this.process.isRunning();
	}

	/** The process id, while it runs. */
	public @Nullable Long pid() {
		return this.process.pid();
	}

	public Path logFile() {
		return this.process.logFile();
	}

	public String tailOfLog(int lines) {
		return this.process.tailOfLog(lines);
	}

	@Override
	public void close() {
		stop();
	}

}
