package io.cryptoviz.e2e.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Local stand-ins for the images docker/compose.yaml pulls, which cannot be pulled where this test
 * runs, built from Debian packages and Maven artifacts only: a Debian bookworm root file system made
 * by {@code debootstrap} and imported as a base image, and on it Debian's OpenJDK 17 (JRE and JDK),
 * Apache Kafka's own jars, Debian's InfluxDB 1.x and Debian's Prometheus. Their recipes are in
 * {@code src/test/resources/deployment/stand-ins}.
 */
final class StandInImages {

	static final String BASE = "cryptoviz-stand-in/bookworm:base";

	static final String JRE = "cryptoviz-stand-in/jre:17";

	static final String JDK = "cryptoviz-stand-in/jdk:17";

	static final String KAFKA = "cryptoviz-stand-in/kafka:4";

	static final String INFLUXDB = "cryptoviz-stand-in/influxdb:1";

	static final String PROMETHEUS = "cryptoviz-stand-in/prometheus:2";

	private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

	private final Path work;

	private final Timings timings;

	StandInImages(Path work, Timings timings) {
		this.work = work;
		this.timings = timings;
	}

	static Path recipes() {
		return ComposeFile.projectRoot().resolve("crypto-e2e/src/test/resources/deployment/stand-ins");
	}

	/** Why the stand-ins cannot be built here, or null when they can. */
	static String cannotBuild() {
		if (DockerEngine.docker(Duration.ofSeconds(30), "image", "inspect", BASE).succeeded()) {
			return null;
		}
		if (DockerEngine.Engine.rootProgram("debootstrap") == null) {
			return "debootstrap is not installed (Debian/Ubuntu: apt-get install debootstrap); it makes the stand-ins' base image";
		}
		if (!"root".equals(System.getProperty("user.name"))) {
			return "debootstrap, which makes the stand-ins' base image, needs root";
		}
		return null;
	}

	/** Builds every stand-in; the base image is made once and then kept, the rest is Docker's build cache. */
	void build() {
		this.timings.time("base image (debootstrap of bookworm, docker import)", this::base);
		this.timings.time("stand-in images (JRE, JDK, Kafka, InfluxDB 1.x, Prometheus)", () -> {
			image("jre", JRE, "BASE=" + BASE);
			CompletableFuture.allOf(
					CompletableFuture.runAsync(() -> image("jdk", JDK, "JRE=" + JRE)),
					CompletableFuture.runAsync(() -> image("kafka", KAFKA, "JRE=" + JRE)),
					CompletableFuture.runAsync(() -> image("influxdb", INFLUXDB, "BASE=" + BASE)),
					CompletableFuture.runAsync(() -> image("prometheus", PROMETHEUS, "BASE=" + BASE)))
				.join();
		});
	}

	private void base() {
		if (DockerEngine.docker(Duration.ofSeconds(30), "image", "inspect", BASE).succeeded()) {
			return;
		}
		Path debootstrap = DockerEngine.Engine.rootProgram("debootstrap");
		if (debootstrap == null) {
			throw new IllegalStateException("debootstrap is not installed (Debian/Ubuntu: apt-get install debootstrap)");
		}
		Path rootfs = this.work.resolve("rootfs");
		delete(rootfs);
		Command.run(List.of(debootstrap.toString(), "--variant=minbase", "--include=ca-certificates", "bookworm",
				rootfs.toString(), debianMirror()), java.util.Map.of(), Duration.ofMinutes(10)).orFail();
		// the package lists, once, for every stand-in built on this base
		Command.run(List.of("chroot", rootfs.toString(), "apt-get", "update", "-qq"), java.util.Map.of(),
				Duration.ofMinutes(5)).orFail();
		Command.run(List.of("bash", "-c", "tar -C \"$0\" -c . | \"$1\" import - \"$2\"", rootfs.toString(),
				DockerEngine.cli().toString(), BASE), DockerEngine.environment(), Duration.ofMinutes(5)).orFail();
		delete(rootfs);
	}

	private void image(String recipe, String tag, String buildArg) {
		Path context = this.work.resolve(recipe);
		copy(recipes().resolve(recipe), context);
		if (recipe.equals("jdk")) {
			// HTTPS to the package registries works here with this machine's CA certificates only
			copyFile(Path.of("/etc/ssl/certs/ca-certificates.crt"), context.resolve("ca-certificates.crt"));
			copyFile(Path.of("/etc/ssl/certs/java/cacerts"), context.resolve("cacerts"));
		}
		if (recipe.equals("kafka")) {
			Path libs = context.resolve("libs");
			for (Path jar : kafkaJars()) {
				copyFile(jar, libs.resolve(jar.getFileName()));
			}
		}
		DockerEngine.docker(BUILD_TIMEOUT, "build", "--quiet", "--build-arg", buildArg, "--tag", tag, context.toString())
			.orFail();
	}

	/** Apache Kafka's server with what it runs on (the dev stack's runtime classpath), and its tools. */
	private static List<Path> kafkaJars() {
		List<Path> jars = new ArrayList<>();
		Path root = ComposeFile.projectRoot();
		for (Path directory : List.of(root.resolve("crypto-devstack/target/lib"), root.resolve("crypto-e2e/target/kafka-tools"))) {
			try (Stream<Path> files = Files.list(directory)) {
				files.filter((file) -> file.toString().endsWith(".jar")).forEach(jars::add);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("No Kafka jars in " + directory + " (built by mvn package): " + ex, ex);
			}
		}
		return jars;
	}

	/** The Debian mirror this machine's apt uses. */
	static String debianMirror() {
		Pattern deb822 = Pattern.compile("(?m)^URIs:\\s*(\\S+)");
		Pattern oneLine = Pattern.compile("(?m)^deb\\s+(?:\\[[^]]*]\\s+)?(\\S+)\\s+\\S+\\s+main");
		List<Path> sources = new ArrayList<>(List.of(Path.of("/etc/apt/sources.list")));
		try (Stream<Path> files = Files.list(Path.of("/etc/apt/sources.list.d"))) {
			files.filter((file) -> file.toString().endsWith(".sources") || file.toString().endsWith(".list"))
				.sorted()
				.forEach(sources::add);
		}
		catch (IOException ex) {
			// no sources.list.d: sources.list alone
		}
		for (Path file : sources) {
			if (!Files.isRegularFile(file)) {
				continue;
			}
			String text = ComposeFile.read(file);
			for (Matcher matcher : List.of(deb822.matcher(text), oneLine.matcher(text))) {
				while (matcher.find()) {
					String uri = matcher.group(1);
					if (uri.endsWith("/debian") || uri.endsWith("/debian/")) {
						return uri;
					}
				}
			}
		}
		throw new IllegalStateException("No Debian mirror in /etc/apt/sources.list{,.d}: debootstrap needs one");
	}

	private static void copy(Path from, Path to) {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : files.toList()) {
				Path target = to.resolve(from.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void copyFile(Path from, Path to) {
		try {
			Files.createDirectories(to.getParent());
			Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot copy " + from + ": " + ex.getMessage(), ex);
		}
	}

	static void delete(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		// a root file system holds device files and links that point anywhere: rm, not Files.walk
		Command.run(List.of("rm", "-rf", "--one-file-system", directory.toString()), java.util.Map.of(),
				Duration.ofMinutes(2)).orFail();
	}

}
