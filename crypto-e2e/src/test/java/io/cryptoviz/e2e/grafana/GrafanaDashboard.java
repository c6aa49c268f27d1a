package io.cryptoviz.e2e.grafana;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A dashboard of {@code grafana/dashboards/}, read the way Grafana reads it: its template
 * variables, its panels (rows flattened) and their queries.
 */
record GrafanaDashboard(String file, JsonNode json) {

	static final String INFLUX_UID = "cryptoviz-influxdb";

	static final String PROMETHEUS_UID = "cryptoviz-prometheus";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static Path directory() {
		return projectRoot().resolve("grafana").resolve("dashboards");
	}

	static Path projectRoot() {
		return Path.of(System.getProperty("cryptoviz.project-root", "..")).toAbsolutePath().normalize();
	}

	static List<GrafanaDashboard> all() {
		try (Stream<Path> files = Files.list(directory())) {
			return files.filter((file) -> file.toString().endsWith(".json")).sorted().map(GrafanaDashboard::load).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static GrafanaDashboard load(String name) {
		return load(directory().resolve(name));
	}

	static GrafanaDashboard load(Path file) {
		try {
			return new GrafanaDashboard(file.getFileName().toString(), JSON.readTree(Files.readString(file)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String uid() {
		return this.json.path("uid").asString();
	}

	String title() {
		return this.json.path("title").asString();
	}

	/** The dashboard's default time range, e.g. {@code now-6h}. */
	String timeFrom() {
		return this.json.path("time").path("from").asString();
	}

	List<Variable> variables() {
		List<Variable> variables = new ArrayList<>();
		for (JsonNode variable : this.json.path("templating").path("list")) {
			JsonNode query = variable.path("query");
			variables.add(new Variable(variable.path("name").asString(), variable.path("type").asString(),
					query.isObject() ? query.path("query").asString() : query.asString(),
					variable.path("datasource").path("uid").asString(), variable.path("multi").asBoolean(),
					variable.path("includeAll").asBoolean(),
					variable.hasNonNull("allValue") ? variable.path("allValue").asString() : null));
		}
		return variables;
	}

	List<Panel> panels() {
		List<Panel> panels = new ArrayList<>();
		collect(this.json.path("panels"), panels);
		return panels;
	}

	private static void collect(JsonNode nodes, List<Panel> panels) {
		for (JsonNode node : nodes) {
			if (node.path("type").asString().equals("row")) {
				collect(node.path("panels"), panels);
				continue;
			}
			String panelUid = node.path("datasource").path("uid").asString();
			List<Target> targets = new ArrayList<>();
			for (JsonNode target : node.path("targets")) {
				String uid = target.path("datasource").path("uid").asString(panelUid);
				targets.add(new Target(target.path("refId").asString(), uid.isEmpty() ? panelUid : uid,
						target.path("query").asString(null), target.path("expr").asString(null),
						target.path("rawQuery").asBoolean(false)));
			}
			panels.add(new Panel(node.path("id").asInt(), node.path("title").asString(), node.path("type").asString(),
					panelUid, targets));
		}
	}

	@Override
	public String toString() {
		return this.file;
	}

	/** A template variable; {@code query} is InfluxQL or a Prometheus {@code label_values(…)}. */
	record Variable(String name, String type, String query, String datasourceUid, boolean multi, boolean includeAll,
			String allValue) {
	}

	record Panel(int id, String title, String type, String datasourceUid, List<Target> targets) {
	}

	/** One query of a panel: InfluxQL in {@code query} (raw mode), PromQL in {@code expr}. */
	record Target(String refId, String datasourceUid, String query, String expr, boolean rawQuery) {

		boolean isInflux() {
			return INFLUX_UID.equals(this.datasourceUid);
		}

		boolean isPrometheus() {
			return PROMETHEUS_UID.equals(this.datasourceUid);
		}

	}

}
