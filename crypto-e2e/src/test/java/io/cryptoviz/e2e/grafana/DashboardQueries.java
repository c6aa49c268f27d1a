package io.cryptoviz.e2e.grafana;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.cryptoviz.e2e.grafana.GrafanaDashboard.Panel;
import io.cryptoviz.e2e.grafana.GrafanaDashboard.Target;
import io.cryptoviz.e2e.grafana.GrafanaDashboard.Variable;
import io.cryptoviz.e2e.grafana.InfluxQlTemplating.Selection;
import org.yaml.snakeyaml.Yaml;

/**
 * Every InfluxQL panel query of every dashboard, expanded as Grafana would send it with every
 * variable at "All", for tests that run them against some InfluxDB.
 */
public final class DashboardQueries {

	/** The width in pixels of a half-screen panel: Grafana's data points for it. */
	static final int MAX_DATA_POINTS = 800;

	private DashboardQueries() {
	}

	/**
	 * @param from start of the time range
	 * @param to end of the time range
	 * @param query receives "dashboard › panel" and the expanded query
	 * @param variableQuery runs a variable's query and returns its rows (column {@code value})
	 */
	public static void forEveryInfluxPanel(Instant from, Instant to, BiConsumer<String, String> query,
			Function<String, List<Map<String, Object>>> variableQuery) {
		Duration minInterval = datasourceMinInterval();
		for (GrafanaDashboard dashboard : GrafanaDashboard.all()) {
			Map<String, Selection> variables = new HashMap<>();
			for (Variable variable : dashboard.variables()) {
				if (GrafanaDashboard.INFLUX_UID.equals(variable.datasourceUid())) {
					List<String> options = variableQuery.apply(variable.query())
						.stream()
						.map((row) -> String.valueOf(row.get("value")))
						.toList();
					variables.put(variable.name(), new Selection(options, true, variable.allValue()));
				}
			}
			for (Panel panel : dashboard.panels()) {
				for (Target target : panel.targets()) {
					if (target.isInflux()) {
						query.accept(dashboard + " › " + panel.title(), InfluxQlTemplating.expand(target.query(), from,
								to, MAX_DATA_POINTS, minInterval, variables));
					}
				}
			}
		}
	}

	/**
	 * Every PromQL panel query of every dashboard as Grafana sends it to Prometheus with every
	 * variable at "All" ({@code .*}), {@code $__rate_interval} at four scrape intervals (Grafana's
	 * floor for it) and {@code $__range} at {@code range}.
	 * @param query receives "dashboard › panel" and the expanded query
	 */
	public static void forEveryPrometheusPanel(Duration scrapeInterval, Duration range,
			BiConsumer<String, String> query) {
		for (GrafanaDashboard dashboard : GrafanaDashboard.all()) {
			for (Panel panel : dashboard.panels()) {
				for (Target target : panel.targets()) {
					if (target.isPrometheus()) {
						String expr = target.expr();
						for (Variable variable : dashboard.variables()) {
							expr = expr.replace("$" + variable.name(), ".*");
						}
						query.accept(dashboard + " › " + panel.title(),
								expr.replace("$__rate_interval", scrapeInterval.multipliedBy(4).toSeconds() + "s")
									.replace("$__range", range.toSeconds() + "s"));
					}
				}
			}
		}
	}

	/** The InfluxDB datasource's minimum interval ({@code jsonData.timeInterval}) as provisioned. */
	@SuppressWarnings("unchecked")
	static Duration datasourceMinInterval() {
		try (InputStream in = Files.newInputStream(
				GrafanaDashboard.projectRoot().resolve("grafana/provisioning/datasources/influxdb.yml"))) {
			Map<String, Object> provisioning = new Yaml().load(in);
			for (Map<String, Object> datasource : (List<Map<String, Object>>) provisioning.get("datasources")) {
				if (GrafanaDashboard.INFLUX_UID.equals(datasource.get("uid"))) {
					String interval = (String) ((Map<String, Object>) datasource.get("jsonData")).get("timeInterval");
					return Duration.parse("PT" + interval.toUpperCase(java.util.Locale.ROOT));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		throw new IllegalStateException("No InfluxDB datasource provisioned");
	}

}
