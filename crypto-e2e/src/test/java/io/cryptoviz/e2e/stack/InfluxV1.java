package io.cryptoviz.e2e.stack;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cryptoviz.influx.InfluxGateway;
import io.cryptoviz.influx.InfluxProperties;
import io.cryptoviz.influx.InfluxTarget;
import io.cryptoviz.influx.InfluxUnavailableException;
import io.cryptoviz.influx.Row;

/**
 * InfluxDB's v1 {@code /query} on any InfluxDB, through the services' own gateway, as the API and
 * Grafana call it: InfluxQL, a database (on 2.x the bucket, through its DBRP mapping), and a token
 * when one is needed. A row comes back as a map of its group-by tags and its cells, as InfluxDB
 * wrote them.
 */
public record InfluxV1(String url, String token) {

	/** The HTTP status of a query and what came back, for tests of the answer itself (401 without a token). */
	public HttpAnswer send(String database, String influxQl) {
		try {
			return new HttpAnswer(200, query(database, influxQl).toString());
		}
		catch (InfluxUnavailableException ex) {
			return new HttpAnswer(ex.status(), String.valueOf(ex.getMessage()));
		}
	}

	public List<Map<String, Object>> query(String database, String influxQl) {
		try (InfluxGateway influx = InfluxGateway.connect(InfluxProperties.of(this.url, this.token, database))) {
			return influx.query(InfluxTarget.database(database), influxQl).stream().map(InfluxV1::asMap).toList();
		}
	}

	private static Map<String, Object> asMap(Row row) {
		Map<String, Object> map = new HashMap<>(row.tags());
		map.putAll(row.values());
		return map;
	}

}
