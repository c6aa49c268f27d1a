package io.cryptoviz.api.influx;

import java.time.Instant;
import java.util.Set;

import com.influxdb.query.InfluxQLQueryResult;
import io.cryptoviz.influx.CryptoPriceSchema;
import org.jspecify.annotations.Nullable;

/**
 * Types the cells of an InfluxQL CSV answer, which the client otherwise hands over as strings:
 * {@code time} (epoch milliseconds) becomes an {@link Instant}, numbers {@link Double}s, tags
 * stay strings, and an empty cell, InfluxDB's way of saying "no value", becomes {@code null},
 * never 0.
 */
final class CsvValues implements InfluxQLQueryResult.Series.ValueExtractor {

	static final String TIME = "time";

	private static final Set<String> STRING_COLUMNS = Set.of(CryptoPriceSchema.TAG_CRYPTO,
			CryptoPriceSchema.TAG_SOURCE);

	@Override
	public @Nullable Object extractValue(String column, String value, int resultIndex, String seriesName) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		if (TIME.equals(column)) {
			return Instant.ofEpochMilli(Long.parseLong(value));
		}
		if (STRING_COLUMNS.contains(column)) {
			return value;
		}
		try {
			return Double.parseDouble(value);
		}
		catch (NumberFormatException ex) {
			// not one of our float fields (written by some other tool): keep it as text, callers
			// that want a number read it as missing
			return value;
		}
	}

}
