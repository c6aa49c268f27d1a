package io.cryptoviz.e2e.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Docker engine for the tests that need one: the one that runs, or, where none does and the
 * tests run as root with Debian's {@code docker.io} installed, a {@code dockerd} started for the
 * test run and stopped at its end, so the README's test command and CI need no step of their own.
 * Where neither is possible, the test class is skipped, with the reason.
 */
class DockerEngine implements ExecutionCondition {

	/** The engine as a resource of the test run: the classes that use it hold this lock, one after the other. */
	static final String RESOURCE = "cryptoviz.docker-engine";

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DockerEngine.class);

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		String unavailable = unavailable(context);
		if (unavailable != null) {
			return ConditionEvaluationResult.disabled("No Docker engine: " + unavailable);
		}
		String missing = context.getTestMethod().isPresent() ? null : missing();
		return (missing == null) ? ConditionEvaluationResult.enabled("A Docker engine runs")
				: ConditionEvaluationResult.disabled(missing);
	}

	/** What else a test class needs and this machine lacks, once there is an engine; null when nothing. */
	String missing() {
		return null;
	}

	/** Why there is no engine for this test run, or null when there is one (started once, for the run). */
	static String unavailable(ExtensionContext context) {
		return context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(Engine.class, (key) -> Engine.find(), Engine.class).unavailable;
	}

	/**
	 * Why one of the images is neither there nor can be pulled (no registry can be reached where CI
	 * runs), or null when all are there.
	 */
	static String missingImage(String... images) {
		for (String image : images) {
			if (!docker(Duration.ofSeconds(30), "image", "inspect", image).succeeded()) {
				Command pull = docker(Duration.ofMinutes(10), "pull", image);
				if (!pull.succeeded()) {
					// Docker's words say why (no network, refused, unknown tag); the hosts it names stay out
					// of the reports
					return "image " + image + " cannot be pulled: "
							+ Command.tail(pull.output(), 3).strip().replaceAll(HOST_NAME, "<host>");
				}
			}
		}
		return null;
	}

	/** A dotted host name, e.g. in "lookup registry.example on ...", with its port if any. */
	private static final String HOST_NAME = "(https?://)?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}(:[0-9]+)?[^\\s\"]*";

	private static Path cli;

	/** The docker CLI to run, one that builds with BuildKit (docker/Dockerfile needs it). */
	static synchronized Path cli() {
		if (cli == null) {
			cli = Engine.buildKitCli();
		}
		return cli;
	}

	/** {@code docker …} with the engine's CLI, run to its end. */
	static Command docker(Duration timeout, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(cli().toString());
		command.addAll(List.of(arguments));
		return Command.run(command, environment(), timeout);
	}

	/** The environment for docker and compose: BuildKit on, and the BuildKit-capable CLI first on the PATH. */
	static Map<String, String> environment() {
		Map<String, String> environment = new HashMap<>();
		environment.put("DOCKER_BUILDKIT", "1");
		environment.put("COMPOSE_DOCKER_CLI_BUILD", "1");
		environment.put("PATH", cli().getParent() + java.io.File.pathSeparator + System.getenv().getOrDefault("PATH", ""));
		return environment;
	}

	static final class Engine implements AutoCloseable {

		private final String unavailable;

		private final Process started;

		private Engine(String unavailable, Process started) {
			this.unavailable = unavailable;
			this.started = started;
		}

		static Engine find() {
			if (cli() == null) {
				return new Engine("no docker CLI that builds with BuildKit on the PATH (Debian/Ubuntu: apt-get install docker.io)", null);
			}
			if (answers()) {
				return new Engine(null, null);
			}
			Path dockerd = rootProgram("dockerd");
			if (dockerd == null) {
				return new Engine("none runs, and dockerd is not installed (Debian/Ubuntu: apt-get install docker.io)", null);
			}
			if (!"root".equals(System.getProperty("user.name"))) {
				return new Engine("none runs, and only root can start dockerd", null);
			}
			return start(dockerd);
		}

		private static Engine start(Path dockerd) {
			Path log = Path.of("target", "dockerd.log").toAbsolutePath();
			try {
				Files.createDirectories(log.getParent());
				Process process = new ProcessBuilder(dockerd.toString()).redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
					.start();
				// a JVM that ends without closing the engine (killed) must not leave dockerd behind
				Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "dockerd-reaper"));
				Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
				while (Instant.now().isBefore(deadline) && process.isAlive()) {
					if (answers()) {
						System.out.println("Started dockerd (pid " + process.pid() + ", log " + log + ")");
						return new Engine(null, process);
					}
					process.waitFor(200, TimeUnit.MILLISECONDS);
				}
				process.destroy();
				process.waitFor(20, TimeUnit.SECONDS);
				return new Engine("dockerd did not start (here, e.g. in a container without privileges); its log "
						+ log + " ends with:\n" + Command.tail(Files.readString(log), 5), null);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		private static boolean answers() {
			return Command.run(List.of(cli().toString(), "info", "--format", "{{.ServerVersion}}"), Map.of(),
					Duration.ofSeconds(20)).succeeded();
		}

		/** Stops the dockerd this run started (its containers stop with it); an engine it found keeps running. */
		@Override
		public void close() throws InterruptedException {
			if (this.started != null && this.started.isAlive()) {
				this.started.destroy();
				if (!this.started.waitFor(60, TimeUnit.SECONDS)) {
					this.started.destroyForcibly();
				}
				System.out.println("Stopped dockerd");
			}
		}

		/**
		 * The first {@code docker} on the PATH that builds with BuildKit: one with the buildx plugin,
		 * or one from before Docker 23, which has BuildKit built in (Debian 12's {@code docker.io}).
		 * Docker 23 and later without buildx refuse BuildKit builds.
		 */
		static Path buildKitCli() {
			for (String directory : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
				Path docker = Path.of(directory.isEmpty() ? "." : directory, "docker");
				if (!Files.isExecutable(docker)) {
					continue;
				}
				if (Command.run(List.of(docker.toString(), "buildx", "version"), Map.of(), Duration.ofSeconds(20))
					.succeeded()) {
					return docker;
				}
				String version = Command
					.run(List.of(docker.toString(), "version", "--format", "{{.Client.Version}}"), Map.of(),
							Duration.ofSeconds(20))
					.output()
					.lines()
					.findFirst()
					.orElse("")
					.strip();
				if (version.matches("(1\\d|2[0-2])\\..*")) {
					return docker;
				}
			}
			return null;
		}

		static Path rootProgram(String name) {
			Path onPath = Command.which(name);
			if (onPath != null) {
				return onPath;
			}
			for (String directory : List.of("/usr/sbin", "/sbin", "/usr/local/sbin")) {
				if (Files.isExecutable(Path.of(directory, name))) {
					return Path.of(directory, name);
				}
			}
			return null;
		}

	}

}
