package io.cryptoviz.api.influx;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One row of an InfluxQL answer: the series' group-by tags and the row's columns, typed by
 * {@link CsvValues}.
 *
 * @param tags the group-by tags of the row's series
 * @param values column name to value: {@link Instant} for {@code time}, {@link Double} for
 * numbers, {@link String} otherwise; absent or {@code null} when the row has no value
 */
public record Row(Map<String, String> tags, Map<String, @Nullable Object> values) {

	public @Nullable Instant time() {
		return (this.values.get(CsvValues.TIME) instanceof Instant time) ? time : null;
	}

	/** The column as a number, {@code null} when it is missing or not a number. */
	public @Nullable Double number(String column) {
		return (this.values.get(column) instanceof Double number) ? number : null;
	}

	public @Nullable String string(String column) {
		Object value = this.values.get(column);
		return (value != null) ? value.toString() : null;
	}

	public @Nullable String tag(String name) {
		return this.tags.get(name);
	}

}
