package io.cryptoviz.e2e.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.cryptoviz.devstack.InfluxDbServer;
import io.cryptoviz.devstack.KafkaBroker;
import io.cryptoviz.devstack.Ports;
import io.cryptoviz.devstack.ServiceProcess;
import io.cryptoviz.testsupport.CoinGeckoStub;
import io.cryptoviz.testsupport.FaultyHttpProxy;
import io.cryptoviz.testsupport.PrometheusScrape;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A pipeline to break: a real Kafka broker that can be restarted (Apache Kafka's server in a
 * child JVM), a real InfluxDB behind a fault-injecting proxy, a CoinGecko stub whose prices move
 * on every poll, and the services from their executable jars.
 */
final class FaultPipeline implements AutoCloseable {

	static final String TOPIC = "crypto-prices";

	static final String GROUP = "crypto-consumer";

	final KafkaBroker kafka;

	final InfluxDbServer influx;

	final FaultyHttpProxy influxProxy;

	final CoinGeckoStub coinGecko;

	final TickGenerator prices = new TickGenerator();

	private final Path logs;

	private final List<ServiceProcess> services = new ArrayList<>();

	FaultPipeline(String name) throws Exception {
		this.kafka = KafkaBroker.temporary().start();
		this.influx = InfluxDbServer.temporary().start();
		this.influx.createDatabases();
		this.influxProxy = FaultyHttpProxy.to(this.influx.url());
		this.coinGecko = CoinGeckoStub.start();
		this.coinGecko.willAnswer("/simple/price", this.prices::answer);
		this.logs = Path.of("target", "reliability", name);
		Files.createDirectories(this.logs);
	}

	/** The producer, polling the moving CoinGecko stub every 200 ms. */
	ServiceProcess producer(Map<String, String> settings) {
		Map<String, String> env = new HashMap<>(Map.of("CRYPTOVIZ_PRODUCER_POLL_INTERVAL", "200ms",
				"CRYPTOVIZ_PRODUCER_MAX_BACKOFF", "1s"));
		env.putAll(this.coinGecko.producerEnvironment());
		env.putAll(settings);
		return start("crypto-producer", env);
	}

	/** The consumer, writing to InfluxDB through the fault proxy, retrying at least every second. */
	ServiceProcess consumer(Map<String, String> settings) {
		Map<String, String> env = new HashMap<>(Map.of("INFLUX_URL", this.influxProxy.url(),
				"CRYPTOVIZ_CONSUMER_WRITE_RETRY_MAX_INTERVAL", "1s", "INFLUX_READ_TIMEOUT", "2s"));
		env.putAll(settings);
		return start("crypto-consumer", env);
	}

	private ServiceProcess start(String service, Map<String, String> settings) {
		Map<String, String> env = new HashMap<>(settings);
		env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", this.kafka.bootstrapServers());
		ServiceProcess process = new ServiceProcess(service, ServiceProcess.executableJar(projectRoot(), service),
				Ports.free(), env, this.logs.resolve(service + "-" + this.services.size() + ".log"));
		this.services.add(process);
		return process.start();
	}

	/** Records on the topic (all partitions). */
	long endOffsets(String topic) throws Exception {
		try (Admin admin = admin()) {
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			for (int partition : partitions(admin, topic)) {
				latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
			}
			return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
				.mapToLong(ListOffsetsResultInfo::offset)
				.sum();
		}
	}

	/** Records of the topic the consumer group has not committed yet. */
	long lag() throws Exception {
		try (Admin admin = admin()) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
				.partitionsToOffsetAndMetadata()
				.get(10, TimeUnit.SECONDS);
			long end = endOffsets(TOPIC);
			return end - committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
		}
	}

	/**
	 * The sum of a counter over the samples that carry every one of {@code labels} (e.g.
	 * {@code outcome="success"}), read from a service's /actuator/prometheus.
	 */
	double counter(ServiceProcess service, String prometheusName, String... labels) {
		return scrape(service).total(prometheusName, labels);
	}

	/**
	 * One read of a service's /actuator/prometheus, for figures that must be of the same moment: two
	 * {@link #counter} calls are two scrapes, and a counter that still moves moves between them.
	 */
	PrometheusScrape scrape(ServiceProcess service) {
		return PrometheusScrape.of(service.url());
	}

	Ledger.Outcome outcome(String scenario, long sent) throws Exception {
		return new Ledger.Outcome(scenario, sent, Ledger.ticksOnTopic(this.kafka.bootstrapServers(), TOPIC,
				endOffsets(TOPIC)), Ledger.pointsIn(this.influx));
	}

	private Admin admin() {
		return Admin.create(Map.of("bootstrap.servers", this.kafka.bootstrapServers(), "request.timeout.ms", 5000,
				"default.api.timeout.ms", 10000));
	}

	private static Set<Integer> partitions(Admin admin, String topic) throws Exception {
		return Set.copyOf(admin.describeTopics(List.of(topic))
			.allTopicNames()
			.get(10, TimeUnit.SECONDS)
			.get(topic)
			.partitions()
			.stream()
			.map((partition) -> partition.partition())
			.toList());
	}

	private static Path projectRoot() {
		return Path.of(System.getProperty("cryptoviz.project-root", ".."));
	}

	@Override
	public void close() {
		this.services.forEach(ServiceProcess::stop);
		this.coinGecko.close();
		this.influxProxy.close();
		this.influx.stop();
		this.kafka.stop();
	}

	static Duration seconds(long seconds) {
		return Duration.ofSeconds(seconds);
	}

}
