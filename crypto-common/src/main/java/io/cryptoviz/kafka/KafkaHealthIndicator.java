package io.cryptoviz.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * UP when the Kafka cluster answers a metadata request within the timeout. One admin client is
 * kept for the life of the service rather than one per check.
 */
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

	private final Admin admin;

	private final Duration timeout;

	KafkaHealthIndicator(KafkaAdmin kafkaAdmin, Duration timeout) {
		super("Kafka health check failed");
		this.admin = Admin.create(kafkaAdmin.getConfigurationProperties());
		this.timeout = timeout;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		DescribeClusterResult cluster = this.admin
			.describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeout.toMillis()));
		try {
			String clusterId = cluster.clusterId().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			Collection<Node> nodes = cluster.nodes().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			builder.up().withDetail("clusterId", clusterId).withDetail("brokers", nodes.size());
		}
		catch (TimeoutException ex) {
			builder.down().withDetail("error", "no answer from the brokers within " + this.timeout.toSeconds() + " s");
		}
	}

	@Override
	public void destroy() {
		this.admin.close(Duration.ofSeconds(2));
	}

}
