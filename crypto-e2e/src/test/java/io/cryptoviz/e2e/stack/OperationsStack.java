package io.cryptoviz.e2e.stack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cryptoviz.devstack.InfluxDbServer;
import io.cryptoviz.devstack.Ports;
import io.cryptoviz.devstack.ServiceProcess;
import io.cryptoviz.influx.Row;
import io.cryptoviz.testsupport.CoinGeckoStub;
import io.cryptoviz.testsupport.KafkaTestClients;
import io.cryptoviz.testsupport.StubResponse;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.awaitility.Awaitility.await;

/**
 * The whole deployment for the operations tests, started once for every test class that asks
 * for it ({@link SharedOperationsStack}): a real Kafka broker, a real InfluxDB, a CoinGecko stub
 * whose prices move every second, and the three services from their executable jars. Before the
 * tests see it, it holds seven hours of price history that went through Kafka and the consumer,
 * so dashboards have a time range to aggregate over.
 */
public final class OperationsStack implements AutoCloseable {

	public static final String DATABASE = InfluxDbServer.DATABASE;

	public static final String TOPIC = "crypto-prices";

	/** The coins the producer follows; the seeded history has one more, see {@link #LOOKALIKE_COIN}. */
	public static final List<String> COINS = List.of("bitcoin", "ethereum", "cardano", "solana", "polkadot");

	/** A coin whose id starts with another's: an unanchored regex variable would mix the two. */
	public static final String LOOKALIKE_COIN = "bitcoin-cash";

	/** How far back the seeded history goes, and its spacing. */
	public static final Duration HISTORY = Duration.ofHours(7);

	public static final Duration HISTORY_STEP = Duration.ofMinutes(5);

	/**
	 * The InfluxDB token the services get, as in a deployment (InfluxDB 1.x without authentication
	 * ignores it); tests check it never shows in what the services expose.
	 */
	public static final String INFLUX_TOKEN = "influx-token-" + java.util.UUID.randomUUID();

	private static final Map<String, Double> START_PRICES = Map.of("bitcoin", 95_000.0, "ethereum", 3_500.0,
			"cardano", 0.65, "solana", 180.0, "polkadot", 4.5, LOOKALIKE_COIN, 420.0);

	public final EmbeddedKafkaKraftBroker kafka;

	public final InfluxDbServer influx;

	public final CoinGeckoStub coinGecko;

	private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

	private final Path logs;

	private OperationsStack() throws Exception {
		this.kafka = new EmbeddedKafkaKraftBroker(1, 3, TOPIC, TOPIC + "-dlt");
		this.kafka.afterPropertiesSet();
		this.influx = InfluxDbServer.temporary().start();
		this.influx.createDatabases();
		this.coinGecko = CoinGeckoStub.start();
		this.coinGecko.willAnswer("/simple/price", (request) -> StubResponse.ok(freshPrices(Instant.now())));
		this.logs = Path.of("target", "operations-logs");
		Files.createDirectories(this.logs);
	}

	/** Starts everything, seeds the history and waits until InfluxDB holds it. */
	public static OperationsStack start() {
		OperationsStack stack = null;
		try {
			stack = new OperationsStack();
			stack.startService("crypto-consumer", Map.of());
			stack.startService("crypto-api", Map.of());
			stack.startService("crypto-producer", Map.of("CRYPTOVIZ_PRODUCER_POLL_INTERVAL", "1s"));
			stack.seedHistory();
			return stack;
		}
		catch (Exception ex) {
			if (stack != null) {
				stack.close();
			}
			throw new IllegalStateException("Could not start the operations stack: " + ex.getMessage(), ex);
		}
	}

	public ServiceProcess service(String name) {
		ServiceProcess service = this.services.get(name);
		if (service == null) {
			throw new IllegalArgumentException("No service " + name + " in " + this.services.keySet());
		}
		return service;
	}

	public List<ServiceProcess> services() {
		return List.copyOf(this.services.values());
	}

	/** Publishes ticks (JSON, the topic's contract) straight to the topic, keyed by coin. */
	public void publish(List<Map.Entry<String, byte[]>> records) {
		KafkaTestClients.publish(this.kafka.getBrokersAsString(), TOPIC, records);
	}

	public static byte[] tickJson(String coin, double priceUsd, Instant time, String source) {
		double change = ((Math.abs(coin.hashCode()) % 1000) - 500) / 100.0;
		return ("{\"crypto\":\"%s\",\"price_usd\":%s,\"price_eur\":%s,\"change_24h\":%s,\"market_cap\":%s,"
				+ "\"volume_24h\":%s,\"timestamp\":\"%s\",\"source\":\"%s\"}")
			.formatted(coin, priceUsd, priceUsd * 0.92, change, priceUsd * 1.0e8, priceUsd * 2.0e6, time, source)
			.getBytes(StandardCharsets.UTF_8);
	}

	private void startService(String name, Map<String, String> settings) {
		Map<String, String> env = new HashMap<>();
		env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", this.kafka.getBrokersAsString());
		env.put("INFLUX_URL", this.influx.url());
		env.put("INFLUX_TOKEN", INFLUX_TOKEN);
		env.putAll(this.coinGecko.producerEnvironment());
		env.putAll(settings);
		ServiceProcess process = new ServiceProcess(name, ServiceProcess.executableJar(projectRoot(), name),
				Ports.free(), env, this.logs.resolve(name + "-" + System.nanoTime() + ".log"));
		this.services.put(name, process);
		process.start();
	}

	/**
	 * Seven hours of ticks every five minutes, tagged {@code simulated}, through Kafka and the
	 * consumer like any other tick; the last one lies a little in the past so the producer's live
	 * ticks continue the series.
	 */
	private void seedHistory() {
		Instant end = Instant.now().minus(HISTORY_STEP).truncatedTo(ChronoUnit.SECONDS);
		int steps = (int) (HISTORY.toSeconds() / HISTORY_STEP.toSeconds());
		List<String> coins = new ArrayList<>(COINS);
		coins.add(LOOKALIKE_COIN);
		List<Map.Entry<String, byte[]>> records = new ArrayList<>();
		for (int step = steps; step >= 0; step--) {
			Instant time = end.minus(HISTORY_STEP.multipliedBy(step));
			for (String coin : coins) {
				double price = START_PRICES.get(coin) * (1 + 0.03 * Math.sin(step / 7.0 + coin.length()));
				records.add(Map.entry(coin, tickJson(coin, price, time, "simulated")));
			}
		}
		publish(records);
		String countSeeded = "SELECT count(\"price_usd\") FROM \"crypto_price\" WHERE \"source\" = 'simulated'";
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			List<Row> rows = this.influx.gateway().query(countSeeded);
			return !rows.isEmpty() && rows.get(0).number("count") >= records.size();
		});
	}

	/** A {@code /simple/price} answer in CoinGecko's shape, stamped now, prices moving with time. */
	private static String freshPrices(Instant now) {
		long seconds = now.getEpochSecond();
		StringBuilder json = new StringBuilder("{");
		for (String coin : COINS) {
			double usd = START_PRICES.get(coin) * (1 + 0.01 * Math.sin(seconds / 30.0));
			json.append((json.length() > 1) ? "," : "")
				.append("\"%s\":{\"usd\":%s,\"usd_market_cap\":%s,\"usd_24h_vol\":%s,\"usd_24h_change\":%s,\"eur\":%s,"
					.formatted(coin, usd, usd * 1.0e8, usd * 2.0e6, 1.25, usd * 0.92))
				.append("\"eur_market_cap\":%s,\"eur_24h_vol\":%s,\"eur_24h_change\":%s,\"last_updated_at\":%d}"
					.formatted(usd * 0.92e8, usd * 1.84e6, 1.1, seconds));
		}
		return json.append('}').toString();
	}

	private static Path projectRoot() {
		return Path.of(System.getProperty("cryptoviz.project-root", ".."));
	}

	@Override
	public void close() {
		List<ServiceProcess> running = new ArrayList<>(this.services.values());
		java.util.Collections.reverse(running);
		running.forEach(ServiceProcess::stop);
		this.coinGecko.close();
		this.influx.stop();
		this.kafka.destroy();
	}

}
