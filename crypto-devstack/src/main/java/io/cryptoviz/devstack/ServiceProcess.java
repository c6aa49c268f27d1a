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

	private final String name;

	private final int port;

	/**
	 * A service run as it is deployed: with its own JVM options ({@code src/main/jvm/jvm.options} of
	 * its module, which docker/Dockerfile uses too) and, when the build made them, from its extracted
	 * jar with its class data sharing archive ({@code target/application}); see {@link #javaCommand}.
	 * @param name service name, e.g. {@code crypto-consumer}
	 * @param jar its executable jar
	 * @param port its HTTP port (set as {@code SERVER_PORT})
	 * @param environment environment variables that configure it
	 * @param logFile where its output goes
	 */
	public ServiceProcess(String name, Path jar, int port, Map<String, String> environment, Path logFile) {
		super(process(name, javaCommand(jar), port, environment, logFile), Duration.ofSeconds(30));
		this.name = name;
		this.port = port;
	}

	/**
	 * A service run from its executable jar with these JVM options and no others (none: the JVM's
	 * defaults, as the services ran before they had their own options).
	 */
	public ServiceProcess(String name, Path jar, int port, Map<String, String> environment, Path logFile,
			List<String> jvmOptions) {
		super(process(name, plainCommand(jar, jvmOptions), port, environment, logFile), Duration.ofSeconds(30));
		this.name = name;
		this.port = port;
	}

	private static ManagedProcess process(String name, List<String> command, int port, Map<String, String> environment,
			Path logFile) {
		Map<String, String> env = new HashMap<>(environment);
		env.put("SERVER_PORT", String.valueOf(port));
		return new ManagedProcess(name, command, env, logFile);
	}

	/**
	 * The command that starts a service as it is deployed, up to its jar (arguments may follow):
	 * {@code java @<module>/src/main/jvm/jvm.options [-XX:SharedArchiveFile=…] -jar …}. The build's
	 * {@code target/application} (the extracted jar, and the archive of its training run) is used when
	 * it is there, the executable jar otherwise.
	 * @param executableJar the module's executable jar ({@link #executableJar})
	 */
	public static List<String> javaCommand(Path executableJar) {
		requireJar(executableJar);
		Path target = executableJar.toAbsolutePath().getParent();
		Path options = target.getParent().resolve("src/main/jvm/jvm.options");
		Path application = target.resolve("application");
		Path extracted = application.resolve("application.jar");
		Path archive = application.resolve("application.jsa");
		List<String> command = new ArrayList<>(List.of(java()));
		if (Files.isRegularFile(options)) {
			command.add("@" + options);
		}
		boolean useExtracted = Files.isRegularFile(extracted) && isUpToDate(extracted, executableJar);
		if (useExtracted && Files.isRegularFile(archive)) {
			command.add("-XX:SharedArchiveFile=" + archive);
		}
		command.addAll(List.of("-jar", (useExtracted ? extracted : executableJar.toAbsolutePath()).toString()));
		return command;
	}

	// extracted from this executable jar, not left from an older build: the extracted jar takes the
	// executable jar's time (to the zip format's two seconds)
	private static boolean isUpToDate(Path extracted, Path executableJar) {
		try {
			return Files.getLastModifiedTime(extracted).toMillis() >= Files.getLastModifiedTime(executableJar).toMillis()
					- 2000;
		}
		catch (java.io.IOException ex) {
			return false;
		}
	}

	private static List<String> plainCommand(Path jar, List<String> jvmOptions) {
		requireJar(jar);
		List<String> command = new ArrayList<>(List.of(java()));
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
		return command;
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static void requireJar(Path jar) {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No jar at " + jar + ": build it with ./mvnw package");
		}
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
