package io.cryptoviz.api.influx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxQLQueryApi;
import com.influxdb.client.domain.InfluxQLQuery;
import com.influxdb.exceptions.InfluxException;
import com.influxdb.query.InfluxQLQueryResult;
import io.cryptoviz.influx.InfluxProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Runs InfluxQL statements against the v1 {@code /query} API, which InfluxDB 1.x, 2.x and 3.x
 * serve, and returns their rows typed.
 * <p>
 * Statements are built by the callers from a fixed vocabulary (schema names, known coins,
 * intervals from a fixed set, instants as integer literals): nothing a client sends is ever
 * pasted into one. The answers are asked for as CSV because the client's JSON reader fails on
 * {@code null} cells, which a tick without EUR or 24 h change produces.
 */
@Component
public class InfluxQueries {

	private static final CsvValues VALUES = new CsvValues();

	private final InfluxQLQueryApi queryApi;

	private final InfluxProperties influx;

	@Autowired
	public InfluxQueries(InfluxDBClient client, InfluxProperties influx) {
		this(client.getInfluxQLQueryApi(), influx);
	}

	InfluxQueries(InfluxQLQueryApi queryApi, InfluxProperties influx) {
		this.queryApi = queryApi;
		this.influx = influx;
	}

	/**
	 * The rows of one statement, series after series.
	 * @throws InfluxUnavailableException when InfluxDB cannot be reached or its answer read
	 */
	public List<Row> select(String influxQl) {
		InfluxQLQuery query = new InfluxQLQuery(influxQl, this.influx.database(), InfluxQLQuery.AcceptHeader.CSV)
			.setPrecision(InfluxQLQuery.InfluxQLPrecision.MILLISECONDS)
			.setRetentionPolicy(this.influx.retentionPolicyOrNull());
		InfluxQLQueryResult result;
		try {
			result = this.queryApi.query(query, VALUES);
		}
		catch (InfluxException ex) {
			throw new InfluxUnavailableException("InfluxDB did not answer: " + describe(ex), ex);
		}
		catch (RuntimeException ex) {
			// an answer the client could not parse, such as an error body in place of CSV
			throw new InfluxUnavailableException("InfluxDB's answer could not be read: " + ex, ex);
		}
		return rows(result);
	}

	private static List<Row> rows(@Nullable InfluxQLQueryResult result) {
		List<Row> rows = new ArrayList<>();
		if (result == null) {
			return rows;
		}
		for (InfluxQLQueryResult.Result statement : result.getResults()) {
			for (InfluxQLQueryResult.Series series : statement.getSeries()) {
				Map<String, String> tags = (series.getTags() != null) ? Map.copyOf(series.getTags()) : Map.of();
				for (InfluxQLQueryResult.Series.Record record : series.getValues()) {
					Map<String, @Nullable Object> values = new HashMap<>();
					series.getColumns().forEach((column, index) -> values.put(column, record.getValues()[index]));
					rows.add(new Row(tags, values));
				}
			}
		}
		return rows;
	}

	private static String describe(InfluxException ex) {
		return (ex.status() > 0) ? "HTTP " + ex.status() + " " + ex.getMessage() : String.valueOf(ex.getMessage());
	}

}
