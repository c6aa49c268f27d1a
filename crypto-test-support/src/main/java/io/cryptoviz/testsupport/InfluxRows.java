package io.cryptoviz.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cryptoviz.devstack.InfluxDbServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what InfluxDB holds, for assertions: each row of an InfluxQL answer as a map of column
 * (and group-by tag) to value, times in epoch milliseconds.
 */
public final class InfluxRows {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private InfluxRows() {
	}

	public static List<Map<String, Object>> query(InfluxDbServer server, String database, String influxQl) {
		return of(server.query(influxQl, database));
	}

	/** The rows of an answer of InfluxDB's v1 {@code /query} (JSON, any InfluxDB version). */
	public static List<Map<String, Object>> of(String answer) {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (JsonNode result : JSON.readTree(answer).path("results")) {
			for (JsonNode series : result.path("series")) {
				List<String> columns = new ArrayList<>();
				series.path("columns").forEach((column) -> columns.add(column.asString()));
				for (JsonNode values : series.path("values")) {
					Map<String, Object> row = new LinkedHashMap<>();
					series.path("tags").properties().forEach((tag) -> row.put(tag.getKey(), tag.getValue().asString()));
					for (int i = 0; i < columns.size(); i++) {
						row.put(columns.get(i), value(values.get(i)));
					}
					rows.add(row);
				}
			}
		}
		return rows;
	}

	/** Every {@code crypto_price} point, oldest first. */
	public static List<Map<String, Object>> cryptoPrices(InfluxDbServer server, String database) {
		return query(server, database, "SELECT * FROM crypto_price");
	}

	/** How many {@code crypto_price} points there are (counted on {@code price_usd}, always present). */
	public static long countCryptoPrices(InfluxDbServer server, String database) {
		List<Map<String, Object>> rows = query(server, database, "SELECT count(price_usd) FROM crypto_price");
		return rows.isEmpty() ? 0 : ((Number) rows.get(0).get("count")).longValue();
	}

	/** Writes line protocol (millisecond timestamps) straight to InfluxDB, e.g. to seed a conflict. */
	public static void write(InfluxDbServer server, String database, String lines) {
		server.write(database, lines);
	}

	private static Object value(JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.isIntegralNumber()) {
			return node.asLong();
		}
		if (node.isNumber()) {
			return node.asDouble();
		}
		if (node.isBoolean()) {
			return node.asBoolean();
		}
		return node.asString();
	}

}
