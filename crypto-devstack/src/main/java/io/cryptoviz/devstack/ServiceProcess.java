package io.cryptoviz.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One of CryptoViz's services run from its executable jar in a child JVM, configured by
 * environment variables as in a deployment, and ready when its readiness probe says so.
 */
public final class ServiceProcess extends LocalServer {

	/**
	 * JVM options for a service that should start fast and stay small (the dev stack, tests): the
	 * C1 compiler only and the serial collector. Benchmarks run services with the JVM's defaults.
	 */
	public static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
			"-Xss512k");

	private final String name;

	private final int port;

	/**
	 * @param name service name, e.g. {@code crypto-consumer}
	 * @param jar its executable jar
	 * @param port its HTTP port (set as {@code SERVER_PORT})
	 * @param environment environment variables that configure it
	 * @param logFile where its output goes
	 */
	public ServiceProcess(String name, Path jar, int port, Map<String, String> environment, Path logFile) {
		this(name, jar, port, environment, logFile, QUICK_START);
	}

	/** A service run with these JVM options (none: the JVM's defaults, as in a container). */
	public ServiceProcess(String name, Path jar, int port, Map<String, String> environment, Path logFile,
			List<String> jvmOptions) {
		super(process(name, jar, port, environment, logFile, jvmOptions), Duration.ofSeconds(30));
		this.name = name;
		this.port = port;
	}

	private static ManagedProcess process(String name, Path jar, int port, Map<String, String> environment,
			Path logFile, List<String> jvmOptions) {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No jar for " + name + " at " + jar + ": build it with ./mvnw package");
		}
		Map<String, String> env = new HashMap<>(environment);
		env.put("SERVER_PORT", String.valueOf(port));
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
		return new ManagedProcess(name, command, env, logFile);
	}

	/** The executable jar of a module, e.g. {@code crypto-consumer/target/crypto-consumer-*-exec.jar}. */
	public static Path executableJar(Path projectRoot, String module) {
		Path target = projectRoot.resolve(module).resolve("target");
		try (var files = Files.list(target)) {
			return files.filter((file) -> file.getFileName().toString().matches(module + "-.*-exec\\.jar"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(
						"No executable jar in " + target + ": build it with ./mvnw package"));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("No " + target + ": build the project with ./mvnw package", ex);
		}
	}

	public ServiceProcess start() {
		startProcess(() -> Http.status(url() + "/actuator/health/readiness") == 200, Duration.ofSeconds(120));
		return this;
	}

	public String name() {
		return this.name;
	}

	public String url() {
		return "http://127.0.0.1:" + this.port;
	}

}
