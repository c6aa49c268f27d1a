package io.cryptoviz.e2e.deployment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One compose project of docker/compose.yaml plus an override, run with Compose v2
 * ({@code docker compose}) where it is installed and {@code docker-compose} 1.29 otherwise, and
 * its containers as the engine sees them.
 */
final class ComposeStack {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String project;

	private final Path environmentFile;

	private final List<Path> files;

	private final List<String> compose;

	ComposeStack(String project, Path environmentFile, Path... overrides) {
		this.project = project;
		this.environmentFile = environmentFile;
		this.files = new ArrayList<>(List.of(ComposeFile.dockerDirectory().resolve("compose.yaml")));
		this.files.addAll(List.of(overrides));
		this.compose = composeCommand();
	}

	static boolean installed() {
		return DockerEngine.docker(Duration.ofSeconds(20), "compose", "version").succeeded()
				|| Command.which("docker-compose") != null;
	}

	/** {@code docker compose} (v2) when the CLI has it, else {@code docker-compose} (1.29). */
	private static List<String> composeCommand() {
		if (DockerEngine.docker(Duration.ofSeconds(20), "compose", "version").succeeded()) {
			return List.of(DockerEngine.cli().toString(), "compose");
		}
		Path v1 = Command.which("docker-compose");
		if (v1 == null) {
			throw new IllegalStateException(
					"Neither docker compose (v2) nor docker-compose is installed (Debian/Ubuntu: apt-get install docker-compose)");
		}
		return List.of(v1.toString());
	}

	/** Which compose runs the stack, and its version. */
	String describe() {
		List<String> version = new ArrayList<>(this.compose);
		version.add("version");
		return Command.run(version, DockerEngine.environment(), Duration.ofSeconds(20))
			.lines()
			.stream()
			.findFirst()
			.orElse(String.join(" ", this.compose));
	}

	/** Runs {@code compose -p <project> --env-file <file> -f … <arguments>} to its end. */
	Command run(Duration timeout, String... arguments) {
		List<String> command = new ArrayList<>(this.compose);
		command.addAll(List.of("--project-name", this.project, "--env-file", this.environmentFile.toString()));
		for (Path file : this.files) {
			command.addAll(List.of("--file", file.toString()));
		}
		command.addAll(List.of(arguments));
		return Command.run(command, DockerEngine.environment(), timeout);
	}

	/** The project's containers (running or not), by compose service name and number. */
	Map<String, Container> containers() {
		Map<String, Container> containers = new TreeMap<>();
		List<String> ids = DockerEngine
			.docker(Duration.ofSeconds(30), "ps", "--all", "--quiet", "--filter", "label=com.docker.compose.project=" + this.project)
			.lines();
		for (String id : ids) {
			JsonNode inspect = JSON.readTree(DockerEngine.docker(Duration.ofSeconds(30), "inspect", id).orFail()).get(0);
			Container container = new Container(inspect);
			containers.put(container.service() + "-" + container.number(), container);
		}
		return containers;
	}

	/** A container as {@code docker inspect} describes it. */
	record Container(JsonNode inspect) {

		String id() {
			return this.inspect.path("Id").asString();
		}

		String service() {
			return this.inspect.path("Config").path("Labels").path("com.docker.compose.service").asString();
		}

		String number() {
			return this.inspect.path("Config").path("Labels").path("com.docker.compose.container-number").asString();
		}

		boolean running() {
			return this.inspect.path("State").path("Running").asBoolean();
		}

		/** {@code healthy}, {@code unhealthy}, {@code starting}, or empty without a healthcheck. */
		String health() {
			return this.inspect.path("State").path("Health").path("Status").asString("");
		}

		int exitCode() {
			return this.inspect.path("State").path("ExitCode").asInt();
		}

		boolean oomKilled() {
			return this.inspect.path("State").path("OOMKilled").asBoolean();
		}

		String finishedAt() {
			return this.inspect.path("State").path("FinishedAt").asString();
		}

		List<String> environment() {
			List<String> environment = new ArrayList<>();
			this.inspect.path("Config").path("Env").forEach((entry) -> environment.add(entry.asString()));
			return environment;
		}

		long memoryLimit() {
			return this.inspect.path("HostConfig").path("Memory").asLong();
		}

		/** The last lines of its health checks' output, to say why one is not healthy. */
		String lastHealthOutput() {
			JsonNode log = this.inspect.path("State").path("Health").path("Log");
			return log.isEmpty() ? "" : log.get(log.size() - 1).path("Output").asString("").strip();
		}

	}

}
