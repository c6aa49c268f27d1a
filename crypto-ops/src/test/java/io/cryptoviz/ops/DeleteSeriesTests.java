package io.cryptoviz.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.cryptoviz.devstack.InfluxDbServer;
import io.cryptoviz.devstack.Ports;
import io.cryptoviz.influx.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The housekeeping tool against a real InfluxDB: it reports before it deletes, deletes exactly the
 * chosen source, coin and time range, and refuses arguments it cannot trust before sending anything.
 */
class DeleteSeriesTests {

	// 2025-10-31T10:00:00Z and the following minutes
	private static final long T0 = 1761904800000L;

	private static final long MINUTE = 60_000L;

	private static final InfluxDbServer influx = InfluxDbServer.temporary().start();

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeEach
	void seed() {
		influx.gateway().query("DROP DATABASE \"" + InfluxDbServer.DATABASE + "\"");
		influx.createDatabase(InfluxDbServer.DATABASE);
		List<String> lines = new java.util.ArrayList<>();
		for (int minute = 0; minute < 10; minute++) {
			for (String coin : List.of("bitcoin", "ethereum")) {
				for (String source : List.of("simulated", "coingecko")) {
					lines.add("crypto_price,crypto=%s,source=%s price_usd=%d.5 %d".formatted(coin, source,
							100 + minute, T0 + minute * MINUTE));
				}
			}
		}
		influx.gateway().write(lines);
	}

	@AfterAll
	static void stopInflux() {
		influx.stop();
	}

	@Test
	void dryRunReportsThePointsOfEachCoinAndDeletesNothing() {
		int status = run("--source=simulated", "--from=2025-10-31T10:00:00Z", "--to=2025-10-31T10:05:00Z", "--dry-run");

		assertThat(status).isZero();
		assertThat(output()).containsPattern("bitcoin\\s+5\\b")
			.containsPattern("ethereum\\s+5\\b")
			.contains("Dry run: would delete 10 points. Nothing was deleted.")
			.contains("version 1.");
		assertThat(count("1 = 1")).isEqualTo(40);
	}

	@Test
	void deletesTheSourceWithinTheRangeFromInclusiveToExclusiveAndNothingElse() {
		int status = run("--source=simulated", "--from=2025-10-31T10:02:00Z", "--to=2025-10-31T10:05:00Z");

		assertThat(status).isZero();
		assertThat(output()).contains("Deleted 6 points.");
		assertThat(count("\"source\" = 'simulated'")).isEqualTo(14);
		assertThat(count("\"source\" = 'simulated' AND time >= " + (T0 + 2 * MINUTE) + "ms AND time < "
				+ (T0 + 5 * MINUTE) + "ms")).isZero();
		assertThat(count("\"source\" = 'simulated' AND time = " + (T0 + 5 * MINUTE) + "ms")).isEqualTo(2);
		assertThat(count("\"source\" = 'coingecko'")).isEqualTo(20);
	}

	@Test
	void deletesOneCoinOnlyWhenAskedTo() {
		int status = run("--source=simulated", "--crypto=ethereum", "--from=2025-10-31T00:00:00Z",
				"--to=2025-11-01T00:00:00Z");

		assertThat(status).isZero();
		assertThat(count("\"source\" = 'simulated' AND \"crypto\" = 'ethereum'")).isZero();
		assertThat(count("\"source\" = 'simulated' AND \"crypto\" = 'bitcoin'")).isEqualTo(10);
	}

	@Test
	void saysSoWhenThereIsNothingToDelete() {
		int status = run("--source=backfill", "--from=2025-10-31T00:00:00Z", "--to=2025-11-01T00:00:00Z");

		assertThat(status).isZero();
		assertThat(output()).contains("Nothing to delete.");
		assertThat(count("1 = 1")).isEqualTo(40);
	}

	@Test
	void refusesASourceItDoesNotKnowWithoutTouchingTheData() {
		for (String source : List.of("--source=test", "--source=simulated' OR 1=1 --", "--source=")) {
			int status = run(source, "--from=2025-10-31T00:00:00Z", "--to=2025-11-01T00:00:00Z");

			assertThat(status).as(source).isEqualTo(2);
			assertThat(errors()).contains("Usage:");
		}
		assertThat(errors()).contains("--source must be one of coingecko, simulated, backfill, was 'test'")
			.contains("--source is required");
		assertThat(count("1 = 1")).isEqualTo(40);
	}

	@Test
	void refusesTimesThatAreNotInstantsOrNotInOrder() {
		assertThat(run("--source=simulated", "--from=2025-10-31", "--to=2025-11-01T00:00:00Z")).isEqualTo(2);
		assertThat(run("--source=simulated", "--from=2025-10-31T00:00:00Z", "--to=now() OR 1=1")).isEqualTo(2);
		assertThat(run("--source=simulated", "--from=2025-11-01T00:00:00Z", "--to=2025-10-31T00:00:00Z"))
			.isEqualTo(2);
		assertThat(run("--source=simulated", "--to=2025-11-01T00:00:00Z")).isEqualTo(2);

		assertThat(errors()).contains("--from must be an ISO-8601 instant such as 2025-10-31T10:30:00Z, was '2025-10-31'")
			.contains("--to must be an ISO-8601 instant")
			.contains("--from must be before --to")
			.contains("--from is required");
		assertThat(count("1 = 1")).isEqualTo(40);
	}

	@Test
	void refusesUnknownArgumentsAndBadCoinsDatabasesAndUrls() {
		String from = "--from=2025-10-31T00:00:00Z";
		String to = "--to=2025-11-01T00:00:00Z";
		assertThat(run("--source=simulated", from, to, "--force")).isEqualTo(2);
		assertThat(run("--source=simulated", from, to, "--crypto=bitcoin'")).isEqualTo(2);
		assertThat(run("--source=simulated", from, to, "--database=x\" ; DROP")).isEqualTo(2);
		assertThat(run("--source=simulated", from, to, "--url=file:///etc/passwd")).isEqualTo(2);
		assertThat(run("--source=simulated", "--source=backfill", from, to)).isEqualTo(2);

		assertThat(errors()).contains("unknown argument '--force'")
			.contains("--crypto must be a CoinGecko id")
			.contains("--database may hold")
			.contains("--url must be http(s)://host:port")
			.contains("--source given twice");
		assertThat(count("1 = 1")).isEqualTo(40);
	}

	@Test
	void saysClearlyWhenInfluxDbCannotBeReached() {
		int status = run("--source=simulated", "--from=2025-10-31T00:00:00Z", "--to=2025-11-01T00:00:00Z",
				"--url=http://127.0.0.1:" + Ports.free());

		assertThat(status).isEqualTo(1);
		assertThat(errors()).startsWith("Error: Cannot reach InfluxDB at http://127.0.0.1:")
			.contains(": connection refused")
			.doesNotContain("at java.");
	}

	@Test
	void onInfluxDb2CountsWithTheTokenButPrintsTheInfluxDeleteCommandInsteadOfDeleting() throws IOException {
		// InfluxDB 2.x cannot run here: a stand-in answers /ping as 2.7 does, and every query with a count
		List<String> requests = new CopyOnWriteArrayList<>();
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			requests.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Authorization")
					+ " " + java.net.URLDecoder.decode(body, StandardCharsets.UTF_8));
			exchange.getResponseHeaders().add("X-Influxdb-Version", "v2.7.12");
			byte[] answer = exchange.getRequestMethod().equals("POST")
					? "name,tags,time,count\ncrypto_price,crypto=bitcoin,0,7\n".getBytes(StandardCharsets.UTF_8)
					: new byte[0];
			exchange.getResponseHeaders().add("Content-Type", "text/csv");
			exchange.sendResponseHeaders(answer.length > 0 ? 200 : 204, answer.length > 0 ? answer.length : -1);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		server.start();
		try {
			int status = Ops.run(new String[] { "delete-series", "--source=simulated", "--from=2025-10-31T00:00:00Z",
					"--to=2025-11-01T00:00:00Z", "--url=http://127.0.0.1:" + server.getAddress().getPort() },
					Map.of("INFLUX_TOKEN", "the-token"), print(this.out), print(this.err));

			assertThat(status).isEqualTo(1);
			assertThat(output()).contains("version 2.7.12")
				.containsPattern("bitcoin\\s+7")
				.contains("does not run DELETE through its v1 API")
				.contains("influx delete --bucket crypto-data --start 2025-10-31T00:00:00Z --stop 2025-10-31T23:59:59.999Z"
						+ " --predicate '_measurement=\"crypto_price\" AND source=\"simulated\"'")
				.doesNotContain("the-token");
			assertThat(requests).allSatisfy((request) -> assertThat(request).contains(" Token the-token "));
			assertThat(requests).noneMatch((request) -> request.contains("DELETE"));
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void anUnknownCommandGetsTheListOfCommands() {
		int status = Ops.run(new String[] { "drop-everything" }, Map.of(), print(this.out), print(this.err));

		assertThat(status).isEqualTo(2);
		assertThat(errors()).contains("COMMAND is one of delete-series");
		assertThat(count("1 = 1")).isEqualTo(40);
	}

	/** Runs the command against the test's InfluxDB, unless the arguments name another. */
	private int run(String... args) {
		List<String> all = new java.util.ArrayList<>(List.of("delete-series"));
		all.addAll(List.of(args));
		if (all.stream().noneMatch((arg) -> arg.startsWith("--url="))) {
			all.add("--url=" + influx.url());
		}
		return Ops.run(all.toArray(String[]::new), Map.of(), print(this.out), print(this.err));
	}

	private static long count(String condition) {
		List<Row> count = influx.gateway()
			.query("SELECT count(\"price_usd\") FROM \"crypto_price\" WHERE " + condition);
		return count.isEmpty() ? 0 : count.get(0).number("count").longValue();
	}

	private String output() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String errors() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

	private static PrintStream print(ByteArrayOutputStream bytes) {
		return new PrintStream(bytes, true, StandardCharsets.UTF_8);
	}

}
