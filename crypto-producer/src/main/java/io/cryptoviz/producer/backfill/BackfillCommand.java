package io.cryptoviz.producer.backfill;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;

import io.cryptoviz.kafka.TopicProperties;
import io.cryptoviz.producer.budget.Plan;
import io.cryptoviz.producer.coingecko.CoinGeckoProperties;
import io.cryptoviz.producer.source.PriceSourceException;
import io.cryptoviz.producer.universe.CoinUniverse;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * {@code --backfill}: loads the history the command line asks for, then lets the process exit
 * with 0 when every tick was published, 1 when the run failed on the way, 2 when the options do
 * not make sense. A failure is one log line that says what to do, never a stack trace.
 */
@Component
@Profile(BackfillMode.PROFILE)
class BackfillCommand implements ApplicationRunner, ExitCodeGenerator {

	static final int FAILED = 1;

	static final int USAGE = 2;

	private static final Logger logger = LoggerFactory.getLogger(BackfillCommand.class);

	private final Backfill backfill;

	private final BackfillProperties properties;

	private final CoinUniverse universe;

	private final CoinGeckoProperties coinGecko;

	private final KafkaAdmin kafkaAdmin;

	private final TopicProperties topics;

	private final Clock clock;

	private volatile int exitCode = FAILED;

	BackfillCommand(Backfill backfill, BackfillProperties properties, CoinUniverse universe,
			CoinGeckoProperties coinGecko, KafkaAdmin kafkaAdmin, TopicProperties topics, Clock clock) {
		this.backfill = backfill;
		this.properties = properties;
		this.universe = universe;
		this.coinGecko = coinGecko;
		this.kafkaAdmin = kafkaAdmin;
		this.topics = topics;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		try {
			Instant now = this.clock.instant();
			BackfillRequest request = BackfillRequest.parse(args, this::trackedCoins, now,
					this.coinGecko.plan() != Plan.PRO);
			BackfillPlan plan = BackfillPlan.of(request.coins(), request.from(), request.to(), now,
					this.properties.maxChunk());
			requireKafka();
			this.backfill.run(plan);
			this.exitCode = 0;
		}
		catch (BackfillException ex) {
			logger.error("Backfill failed: {}", ex.getMessage());
			this.exitCode = ex.isUsage() ? USAGE : FAILED;
		}
	}

	// a top:N rule asks CoinGecko for its coins only when --coins leaves the choice to it
	private List<String> trackedCoins() {
		try {
			return this.universe.load();
		}
		catch (PriceSourceException ex) {
			throw BackfillException.failed("could not get the coins of cryptoviz.coins=" + this.universe.selection()
					+ " from CoinGecko: " + ex.getMessage() + "; name them with --coins");
		}
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

	/**
	 * Fails before the first request to CoinGecko when Kafka is not there, so the rate limit is not
	 * spent on history that cannot be published; then creates the topics when they are missing
	 * (the backfill profile leaves that out of start-up, where a missing broker is a stack trace).
	 */
	private void requireKafka() {
		Object configured = this.kafkaAdmin.getConfigurationProperties()
			.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
		String servers = (configured instanceof Collection<?> list) ? list.stream().map(String::valueOf)
			.collect(Collectors.joining(",")) : String.valueOf(configured);
		int timeout = this.kafkaAdmin.getOperationTimeout();
		try (Admin admin = Admin.create(this.kafkaAdmin.getConfigurationProperties())) {
			admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeout * 1000))
				.clusterId()
				.get(timeout, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw BackfillException.failed("interrupted");
		}
		catch (Exception ex) {
			throw BackfillException.failed("Kafka at " + servers + " did not answer within " + timeout
					+ " s: start it, or point spring.kafka.bootstrap-servers at it");
		}
		if (!this.kafkaAdmin.initialize()) {
			throw BackfillException.failed("could not create topic " + this.topics.topic() + " on Kafka at " + servers);
		}
	}

}
