package io.cryptoviz.e2e.grafana;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.cryptoviz.e2e.grafana.GrafanaDashboard.Panel;
import io.cryptoviz.e2e.grafana.GrafanaDashboard.Target;
import io.cryptoviz.e2e.grafana.GrafanaDashboard.Variable;
import io.cryptoviz.e2e.grafana.InfluxQlTemplating.Selection;
import io.cryptoviz.e2e.stack.OperationsStack;
import io.cryptoviz.e2e.stack.SharedOperationsStack;
import io.cryptoviz.influx.Row;
import io.cryptoviz.testsupport.PrometheusScrape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every dashboard as Grafana would run it: template variables resolved by their own queries,
 * macros expanded, each InfluxQL panel query sent to a real InfluxDB that holds what the
 * consumer wrote, and each Prometheus panel checked against what the running services expose.
 * A panel that would say "No data" fails here.
 */
@ExtendWith(SharedOperationsStack.class)
@ResourceLock(SharedOperationsStack.RESOURCE)
class GrafanaDashboardsIT {

	private static final Pattern RELATIVE = Pattern.compile("now-(\\d+)([smhdw])");

	private static OperationsStack stack;

	private static Duration minInterval;

	@BeforeAll
	static void useStack(OperationsStack operationsStack) {
		stack = operationsStack;
		minInterval = DashboardQueries.datasourceMinInterval();
	}

	@TestFactory
	Stream<DynamicTest> everyInfluxDbPanelShowsEveryCoinAtTheDefaultRangeAndAtShorterAndLongerOnes() {
		List<DynamicTest> tests = new ArrayList<>();
		for (GrafanaDashboard dashboard : GrafanaDashboard.all()) {
			for (String from : new LinkedHashSet<>(List.of(dashboard.timeFrom(), "now-30m", "now-24h", "now-7d"))) {
				for (Panel panel : dashboard.panels()) {
					for (Target target : panel.targets()) {
						if (target.isInflux()) {
							tests.add(DynamicTest.dynamicTest(dashboard + " › " + panel.title() + " › " + target.refId()
									+ " over " + from, () -> assertShowsEveryCoin(dashboard, target, from)));
						}
					}
				}
			}
		}
		assertThat(tests).as("InfluxDB panel queries").isNotEmpty();
		return tests.stream();
	}

	private void assertShowsEveryCoin(GrafanaDashboard dashboard, Target target, String from) {
		assertThat(target.rawQuery()).as("raw InfluxQL, as tested here").isTrue();
		List<Row> rows = run(dashboard, target, from, allSelected(dashboard));
		assertThat(rows).as("rows of %s", target.query()).isNotEmpty();
		assertThat(rows).as("rows with a value").anySatisfy((row) -> assertThat(values(row)).isNotEmpty());
		assertThat(coins(rows)).containsAll(OperationsStack.COINS).contains(OperationsStack.LOOKALIKE_COIN);
	}

	@Test
	void theVariablesListEveryCoinAndEverySourceInInfluxDb() {
		for (GrafanaDashboard dashboard : influxDashboards()) {
			Map<String, List<String>> options = new HashMap<>();
			dashboard.variables().forEach((variable) -> options.put(variable.name(), options(variable)));

			assertThat(options.get("crypto")).as(dashboard.file())
				.containsAll(OperationsStack.COINS)
				.contains(OperationsStack.LOOKALIKE_COIN);
			assertThat(options.get("source")).as(dashboard.file()).contains("coingecko", "simulated");
		}
	}

	@Test
	void oneSelectedCoinShowsThatCoinOnlyAndNotTheCoinsWhoseIdStartsTheSame() {
		for (GrafanaDashboard dashboard : influxDashboards()) {
			Map<String, Selection> selection = allSelected(dashboard);
			selection.put("crypto", Selection.of(List.of("bitcoin")));
			for (Target target : influxTargets(dashboard)) {
				assertThat(coins(run(dashboard, target, dashboard.timeFrom(), selection)))
					.as("%s: %s", dashboard, target.query())
					.containsExactly("bitcoin");
			}
		}
	}

	@Test
	void severalSelectedCoinsShowExactlyThoseCoins() {
		List<String> chosen = List.of("bitcoin-cash", "ethereum", "solana");
		for (GrafanaDashboard dashboard : influxDashboards()) {
			Map<String, Selection> selection = allSelected(dashboard);
			selection.put("crypto", Selection.of(chosen));
			for (Target target : influxTargets(dashboard)) {
				assertThat(coins(run(dashboard, target, dashboard.timeFrom(), selection)))
					.as("%s: %s", dashboard, target.query())
					.containsExactlyInAnyOrderElementsOf(chosen);
			}
		}
	}

	@Test
	void aggregationWindowsFollowTheRangeAndEmptyOnesKeepThePreviousValue() {
		// the seeded history has a point every 5 minutes; over 6 hours Grafana's window is 30 s,
		// so most windows are empty and only fill(previous) keeps the lines continuous
		for (GrafanaDashboard dashboard : influxDashboards()) {
			for (Target target : influxTargets(dashboard)) {
				if (!target.query().contains("GROUP BY time(")) {
					continue;
				}
				assertThat(target.query()).contains("time($__interval)").contains("fill(previous)");
				List<Row> rows = run(dashboard, target, "now-6h", allSelected(dashboard));
				Map<String, List<Row>> byCoin = new HashMap<>();
				rows.forEach((row) -> byCoin.computeIfAbsent(row.string("crypto"), (coin) -> new ArrayList<>()).add(row));
				byCoin.forEach((coin, series) -> {
					List<Long> times = series.stream().map((row) -> row.time().toEpochMilli()).toList();
					assertThat(times.get(1) - times.get(0)).as("window of %s", target.query()).isEqualTo(30_000L);
					List<Row> fromFirstValue = series
						.subList(firstIndexWithValue(series), series.size());
					assertThat(fromFirstValue).as("%s, %s: windows after the first value", target.query(), coin)
						.hasSizeGreaterThan(100)
						.allSatisfy((row) -> assertThat(values(row)).isNotEmpty());
				});
			}
		}
	}

	@Test
	void everyMetricOfThePipelineDashboardIsExposedByAServiceAndTaggedWithItsApplication() {
		provokeADeadLetterAndAWriteFailure();
		Set<String> used = new TreeSet<>();
		GrafanaDashboard pipeline = GrafanaDashboard.load("pipeline.json");
		for (Panel panel : pipeline.panels()) {
			for (Target target : panel.targets()) {
				assertThat(target.isPrometheus()).as("%s uses Prometheus", panel.title()).isTrue();
				assertThat(target.expr()).as(panel.title()).contains("application=~\"$application\"");
				used.addAll(PromQlMetricNames.of(target.expr()));
			}
		}
		pipeline.variables().forEach((variable) -> used.addAll(PromQlMetricNames.of(variable.query()
			.replaceAll("label_values\\(([^,)]+)(,[^)]*)?\\)", "$1"))));

		Map<String, PrometheusScrape> scrapes = new HashMap<>();
		stack.services().forEach((service) -> scrapes.put(service.name(), PrometheusScrape.of(service.url())));
		Set<String> exposed = new TreeSet<>();
		scrapes.values().forEach((scrape) -> exposed.addAll(scrape.names()));

		assertThat(used).as("metrics used by pipeline.json")
			.contains("crypto_polls_total", "crypto_ticks_published_total", "crypto_points_written_total",
					"crypto_records_dead_lettered_total", "kafka_consumer_fetch_manager_records_lag_max");
		assertThat(exposed).as("metrics the services expose").containsAll(used);
		scrapes.forEach((service, scrape) -> used.forEach((name) -> assertThat(scrape.named(name))
			.allSatisfy((sample) -> assertThat(sample.labels()).containsEntry("application", service))));
	}

	/**
	 * Some meters only exist once their event happened: a record dead-lettered, a write refused.
	 * A poison record and a short InfluxDB outage make both happen, as they would in production.
	 */
	private static void provokeADeadLetterAndAWriteFailure() {
		String consumer = stack.service("crypto-consumer").url();
		stack.publish(List.of(entry("bitcoin", "not a tick".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> PrometheusScrape.of(consumer).total("crypto_records_dead_lettered_total") >= 1);

		Instant outage = Instant.now().minusSeconds(3600);
		stack.influx.stop();
		try {
			stack.publish(List.of(entry("bitcoin", OperationsStack.tickJson("bitcoin", 1234.5, outage, "backfill"))));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> PrometheusScrape.of(consumer).total("crypto_influx_write_failures_total") >= 1);
		}
		finally {
			stack.influx.start();
		}
		// nothing lost: the tick the consumer could not write is stored once InfluxDB is back
		await().atMost(Duration.ofSeconds(60))
			.until(() -> !stack.influx.gateway()
				.query("SELECT \"price_usd\" FROM \"crypto_price\" WHERE \"source\" = 'backfill' AND time = "
						+ outage.toEpochMilli() + "ms")
				.isEmpty());
	}

	private static List<Row> run(GrafanaDashboard dashboard, Target target, String from,
			Map<String, Selection> variables) {
		Instant to = Instant.now();
		String query = InfluxQlTemplating.expand(target.query(), start(from, to), to, DashboardQueries.MAX_DATA_POINTS, minInterval,
				variables);
		return stack.influx.gateway().query(query);
	}

	/** Every variable at its default, "All": every option its query finds. */
	private static Map<String, Selection> allSelected(GrafanaDashboard dashboard) {
		Map<String, Selection> selection = new HashMap<>();
		for (Variable variable : dashboard.variables()) {
			assertThat(variable.includeAll()).as("$%s offers All", variable.name()).isTrue();
			assertThat(variable.multi()).as("$%s is multi-select", variable.name()).isTrue();
			selection.put(variable.name(), new Selection(options(variable), true, variable.allValue()));
		}
		return selection;
	}

	private static List<String> options(Variable variable) {
		assertThat(variable.datasourceUid()).isEqualTo(GrafanaDashboard.INFLUX_UID);
		List<String> values = stack.influx.gateway()
			.query(variable.query())
			.stream()
			.map((row) -> row.string("value"))
			.toList();
		assertThat(values).as("options of $%s", variable.name()).isNotEmpty();
		return values;
	}

	private static List<GrafanaDashboard> influxDashboards() {
		List<GrafanaDashboard> dashboards = GrafanaDashboard.all()
			.stream()
			.filter((dashboard) -> !influxTargets(dashboard).isEmpty())
			.toList();
		assertThat(dashboards).extracting(GrafanaDashboard::file).contains("crypto_core.json", "comparisons.json");
		return dashboards;
	}

	private static List<Target> influxTargets(GrafanaDashboard dashboard) {
		return dashboard.panels().stream().flatMap((panel) -> panel.targets().stream()).filter(Target::isInflux).toList();
	}

	private static Set<String> coins(List<Row> rows) {
		Set<String> coins = new TreeSet<>();
		rows.forEach((row) -> coins.add(row.string("crypto")));
		return coins;
	}

	/** The cells of a row that hold a value, but for its time and its coin. */
	private static List<String> values(Row row) {
		return row.values()
			.entrySet()
			.stream()
			.filter((column) -> !column.getKey().equals("time") && !column.getKey().equals("crypto"))
			.map(Map.Entry::getValue)
			.filter((value) -> value != null && !value.isEmpty())
			.toList();
	}

	private static int firstIndexWithValue(List<Row> series) {
		for (int i = 0; i < series.size(); i++) {
			if (!values(series.get(i)).isEmpty()) {
				return i;
			}
		}
		throw new AssertionError("a series without any value: " + series.get(0));
	}

	private static Instant start(String from, Instant to) {
		Matcher relative = RELATIVE.matcher(from);
		assertThat(relative.matches()).as("time range %s", from).isTrue();
		long amount = Long.parseLong(relative.group(1));
		Duration unit = switch (relative.group(2)) {
			case "s" -> Duration.ofSeconds(1);
			case "m" -> Duration.ofMinutes(1);
			case "h" -> Duration.ofHours(1);
			case "d" -> Duration.ofDays(1);
			default -> Duration.ofDays(7);
		};
		return to.minus(unit.multipliedBy(amount));
	}

}
