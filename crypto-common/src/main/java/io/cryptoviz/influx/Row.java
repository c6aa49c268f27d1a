package io.cryptoviz.influx;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One row of an InfluxQL answer: the series' group-by tags and the row's cells, read as the type
 * the caller asks for. An empty cell, InfluxDB's way of saying "no value", is {@code null} in
 * every type, never 0.
 *
 * @param tags the group-by tags of the row's series
 * @param values column name to cell, as InfluxDB wrote it; {@code time} in epoch milliseconds
 */
public record Row(Map<String, String> tags, Map<String, @Nullable String> values) {

	public static final String TIME = "time";

	public Row {
		tags = Map.copyOf(tags);
	}

	public @Nullable Instant time() {
		String time = cell(TIME);
		try {
			return (time != null) ? Instant.ofEpochMilli(Long.parseLong(time)) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** The column as a number; {@code null} when it is missing or not a number. */
	public @Nullable Double number(String column) {
		String value = cell(column);
		try {
			return (value != null) ? Double.valueOf(value) : null;
		}
		catch (NumberFormatException ex) {
			// not one of our float fields (written by some other tool): read as missing
			return null;
		}
	}

	/** The column, or the group-by tag of that name. */
	public @Nullable String string(String name) {
		String value = cell(name);
		return (value != null) ? value : this.tags.get(name);
	}

	public @Nullable String tag(String name) {
		return this.tags.get(name);
	}

	private @Nullable String cell(String column) {
		String value = this.values.get(column);
		return (value == null || value.isEmpty()) ? null : value;
	}

}
