package io.cryptoviz.influx;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * InfluxDB's answer to an InfluxQL statement as it wrote it (v1 {@code /query}, JSON), read with
 * Jackson: what {@link InfluxGateway#answer} returns where an empty answer and a failed statement
 * must not look alike.
 *
 * @param status the HTTP status
 * @param body the body, JSON when InfluxDB wrote one
 */
public record InfluxAnswer(int status, String body) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The error InfluxDB gave: the answer's own (a refused request, {@code {"error":…}}) or its
	 * first statement's ({@code database not found: …}); {@code null} when there is none, or the
	 * body is not JSON.
	 */
	public @Nullable String error() {
		JsonNode answer = json();
		JsonNode error = answer.path("error");
		if (!error.isString()) {
			error = answer.path("results").path(0).path("error");
		}
		return error.isString() ? error.asString() : null;
	}

	/**
	 * The cells of one column of the first statement's first series, as text: the names of
	 * {@code SHOW RETENTION POLICIES}, for instance. Empty when there is no such series or column.
	 */
	public List<String> firstColumn(String column) {
		JsonNode series = json().path("results").path(0).path("series").path(0);
		List<String> columns = new ArrayList<>();
		series.path("columns").forEach((name) -> columns.add(name.asString()));
		int index = columns.indexOf(column);
		List<String> cells = new ArrayList<>();
		if (index >= 0) {
			series.path("values").forEach((row) -> cells.add(row.path(index).asString()));
		}
		return cells;
	}

	private JsonNode json() {
		try {
			return JSON.readTree(this.body);
		}
		catch (JacksonException ex) {
			return MissingNode.getInstance();
		}
	}

}
