package io.cryptoviz.e2e.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker/compose.yaml} read as docker compose reads it: YAML, then {@code ${VAR}},
 * {@code ${VAR:-default}}, {@code ${VAR-default}}, {@code ${VAR:?error}}, {@code ${VAR?error}}
 * and {@code $$} interpolated from an environment.
 */
final class ComposeFile {

	private static final Pattern VARIABLE = Pattern
		.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

	private final String text;

	private ComposeFile(String text) {
		this.text = text;
	}

	static Path projectRoot() {
		return Path.of(System.getProperty("cryptoviz.project-root", "..")).toAbsolutePath().normalize();
	}

	static Path dockerDirectory() {
		return projectRoot().resolve("docker");
	}

	static ComposeFile load() {
		return new ComposeFile(read(dockerDirectory().resolve("compose.yaml")));
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Every variable the file refers to, with whether compose requires it ({@code :?} or {@code ?}). */
	Map<String, Boolean> variables() {
		Map<String, Boolean> variables = new LinkedHashMap<>();
		Matcher matcher = VARIABLE.matcher(withoutComments());
		while (matcher.find()) {
			String name = (matcher.group(1) != null) ? matcher.group(1) : matcher.group(4);
			if (name != null) {
				boolean required = matcher.group(2) != null && matcher.group(2).endsWith("?");
				variables.merge(name, required, Boolean::logicalOr);
			}
		}
		return variables;
	}

	/** The raw (not interpolated) model, to see how a value is written. */
	Map<String, Object> raw() {
		return new Yaml().load(this.text);
	}

	/**
	 * The model with every variable interpolated from {@code environment}.
	 * @throws MissingVariableException when a required variable is unset or empty
	 */
	Map<String, Object> interpolated(Map<String, String> environment) {
		return new Yaml().load(interpolate(withoutComments(), environment));
	}

	static String interpolate(String value, Map<String, String> environment) {
		Matcher matcher = VARIABLE.matcher(value);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			String replacement;
			if (matcher.group().equals("$$")) {
				replacement = "$";
			}
			else if (matcher.group(4) != null) {
				replacement = environment.getOrDefault(matcher.group(4), "");
			}
			else {
				String name = matcher.group(1);
				String operator = matcher.group(2);
				String argument = matcher.group(3);
				String current = environment.get(name);
				boolean unsetOrEmpty = current == null || current.isEmpty();
				boolean missing = (operator != null && operator.startsWith(":")) ? unsetOrEmpty : current == null;
				if (operator == null) {
					replacement = (current != null) ? current : "";
				}
				else if (operator.endsWith("?")) {
					if (missing) {
						throw new MissingVariableException(name, argument);
					}
					replacement = current;
				}
				else {
					replacement = missing ? argument : current;
				}
			}
			matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	// compose does not interpolate comments; neither do we
	private String withoutComments() {
		List<String> lines = new ArrayList<>();
		for (String line : this.text.split("\n")) {
			lines.add(line.strip().startsWith("#") ? "" : line);
		}
		return String.join("\n", lines);
	}

	/** The variables of {@code docker/.env.example}, in order, with their values. */
	static Map<String, String> envExample() {
		Map<String, String> variables = new LinkedHashMap<>();
		for (String line : read(dockerDirectory().resolve(".env.example")).split("\n")) {
			String trimmed = line.strip();
			if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
				int equals = trimmed.indexOf('=');
				variables.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
			}
		}
		return variables;
	}

	/** Names of {@code docker/.env.example} that have a comment above them (directly or in their block). */
	static Set<String> documentedInEnvExample() {
		Set<String> documented = new LinkedHashSet<>();
		boolean commented = false;
		for (String line : read(dockerDirectory().resolve(".env.example")).split("\n")) {
			String trimmed = line.strip();
			if (trimmed.isEmpty()) {
				commented = false;
			}
			else if (trimmed.startsWith("#")) {
				commented = true;
			}
			else if (commented) {
				documented.add(trimmed.substring(0, trimmed.indexOf('=')));
			}
		}
		return documented;
	}

	static final class MissingVariableException extends RuntimeException {

		final String variable;

		MissingVariableException(String variable, String message) {
			super("required variable " + variable + " is missing a value: " + message);
			this.variable = variable;
		}

	}

}
