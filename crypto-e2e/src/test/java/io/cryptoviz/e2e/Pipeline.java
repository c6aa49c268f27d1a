package io.cryptoviz.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cryptoviz.devstack.InfluxDbServer;
import io.cryptoviz.devstack.Ports;
import io.cryptoviz.devstack.ServiceProcess;
import io.cryptoviz.testsupport.CoinGeckoStub;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A whole pipeline for one test class: a real Kafka broker (spring-kafka-test's embedded KRaft
 * broker), a real InfluxDB, a CoinGecko stub, and the services started from their executable
 * jars with the environment variables a deployment would set.
 */
final class Pipeline implements AutoCloseable {

	static final String DATABASE = "crypto-data";

	final EmbeddedKafkaKraftBroker kafka;

	final InfluxDbServer influx;

	final CoinGeckoStub coinGecko;

	private final Path logs;

	private final List<ServiceProcess> services = new ArrayList<>();

	Pipeline() throws Exception {
		this.kafka = new EmbeddedKafkaKraftBroker(1, 3, "crypto-prices", "crypto-prices-dlt");
		this.kafka.afterPropertiesSet();
		this.influx = InfluxDbServer.temporary().start();
		this.influx.createDatabase(DATABASE);
		this.coinGecko = CoinGeckoStub.start();
		this.logs = Path.of("target", "e2e-logs");
		Files.createDirectories(this.logs);
	}

	/** Starts a service with the pipeline's addresses plus {@code settings} as environment. */
	ServiceProcess start(String service, Map<String, String> settings) {
		Map<String, String> env = new HashMap<>();
		env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", this.kafka.getBrokersAsString());
		env.put("INFLUX_URL", this.influx.url());
		env.put("CRYPTOVIZ_COINGECKO_BASE_URL", this.coinGecko.baseUrl());
		env.putAll(settings);
		ServiceProcess process = new ServiceProcess(service, ServiceProcess.executableJar(projectRoot(), service),
				Ports.free(), env, this.logs.resolve(service + "-" + System.nanoTime() + ".log"));
		this.services.add(process);
		return process.start();
	}

	private static Path projectRoot() {
		return Path.of(System.getProperty("cryptoviz.project-root", ".."));
	}

	@Override
	public void close() {
		this.services.forEach(ServiceProcess::stop);
		this.coinGecko.close();
		this.influx.stop();
		this.kafka.destroy();
	}

}
