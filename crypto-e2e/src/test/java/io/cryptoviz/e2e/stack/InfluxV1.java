package io.cryptoviz.e2e.stack;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.cryptoviz.influx.InfluxAnswer;
import io.cryptoviz.influx.InfluxGateway;
import io.cryptoviz.influx.InfluxProperties;
import io.cryptoviz.influx.InfluxTarget;
import io.cryptoviz.influx.InfluxUnavailableException;
import io.cryptoviz.influx.Row;
import io.cryptoviz.influx.WriteListener;
import io.cryptoviz.influx.WriteResult;

/**
 * InfluxDB's v1 API on any InfluxDB, through the services' own gateway, as the services and
 * Grafana call it: InfluxQL or line protocol, a database (on 2.x the bucket, through its DBRP
 * mapping), and a token when one is needed ({@code user:password} for a v1 authorization).
 */
public record InfluxV1(String url, String token) {

	/**
	 * The HTTP status and body of a query as InfluxDB answered it (JSON, with a failed statement's
	 * error), for tests of the answer itself: 401 without a token, an error for a database the
	 * token may not read.
	 */
	public HttpAnswer send(String database, String influxQl) {
		InfluxAnswer answer = withGateway(database, (influx) -> influx.answer(InfluxTarget.database(database), influxQl));
		return new HttpAnswer(answer.status(), answer.body());
	}

	/**
	 * The rows of a query, each a map of its group-by tags and its cells; cells that are numbers
	 * are {@link Long}s or {@link Double}s, {@code time} in epoch milliseconds.
	 * @throws InfluxUnavailableException when InfluxDB refuses the query
	 */
	public List<Map<String, Object>> query(String database, String influxQl) {
		return withGateway(database,
				(influx) -> influx.query(InfluxTarget.database(database), influxQl).stream().map(InfluxV1::asMap).toList());
	}

	/**
	 * Writes line protocol (millisecond timestamps) and returns the HTTP status InfluxDB answered:
	 * 204 when it stored every line, 400 when it refused one, 401, 403 or 404 when the token may
	 * not write there.
	 */
	public int write(String database, String... lines) {
		try {
			WriteResult result = withGateway(database,
					(influx) -> influx.write(InfluxTarget.database(database), List.of(lines), WriteListener.NONE));
			return result.rejected().isEmpty() ? 204 : 400;
		}
		catch (InfluxUnavailableException ex) {
			if (ex.status() == 0) {
				throw ex;
			}
			return ex.status();
		}
	}

	private <T> T withGateway(String database, Function<InfluxGateway, T> call) {
		try (InfluxGateway influx = InfluxGateway.connect(InfluxProperties.of(this.url, this.token, database))) {
			return call.apply(influx);
		}
	}

	private static Map<String, Object> asMap(Row row) {
		Map<String, Object> map = new HashMap<>(row.tags());
		row.values().forEach((column, cell) -> {
			if (cell != null && !cell.isEmpty()) {
				map.put(column, typed(cell));
			}
		});
		return map;
	}

	private static Object typed(String cell) {
		try {
			return Long.valueOf(cell);
		}
		catch (NumberFormatException notAnInteger) {
			try {
				return Double.valueOf(cell);
			}
			catch (NumberFormatException notANumber) {
				return cell;
			}
		}
	}

}
