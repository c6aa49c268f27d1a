package io.cryptoviz.producer.leader;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;

import io.cryptoviz.kafka.TopicProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.GroupProtocol;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * The election's beans: the one-partition coordination topic, this instance's {@link Leadership},
 * its health component ({@code leader}) and its meter ({@code crypto.producer.leader}, 1 on the
 * active instance, 0 on a standby).
 */
@Configuration(proxyBeanMethods = false)
class LeaderConfiguration {

	static final String ENABLED = "cryptoviz.producer.leader.enabled";

	@Bean
	@ConditionalOnBooleanProperty(name = ENABLED, matchIfMissing = true)
	NewTopic leaderTopic(LeaderProperties properties, TopicProperties topics) {
		// one partition: the coordinator gives it to exactly one member of the group
		return TopicBuilder.name(properties.topic()).partitions(1).replicas(topics.replicationFactor()).build();
	}

	@Bean
	@ConditionalOnBooleanProperty(name = ENABLED, matchIfMissing = true)
	LeaderLease leadership(LeaderProperties properties, Clock clock) {
		return new LeaderLease(instanceId(properties), properties.lease(), clock, System::nanoTime);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = ENABLED, matchIfMissing = true)
	LeaderElection leaderElection(LeaderLease lease, LeaderProperties properties, ConsumerFactory<?, ?> consumers,
			ApplicationEventPublisher events, Clock clock) {
		return new LeaderElection(lease, properties,
				() -> consumers.createConsumer(properties.groupId(), properties.groupId() + "-" + lease.instanceId(),
						null, consumerSettings(properties)),
				events, clock, System::nanoTime);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = ENABLED, havingValue = false)
	SoleInstance soleInstance(LeaderProperties properties, Clock clock) {
		return new SoleInstance(instanceId(properties), clock.instant());
	}

	@Bean
	LeaderHealthIndicator leaderHealthIndicator(Leadership leadership, LeaderProperties properties,
			ObjectProvider<LeaderElection> election) {
		return new LeaderHealthIndicator(leadership, properties, election.getIfAvailable());
	}

	@Bean
	MeterBinder leaderMeter(Leadership leadership) {
		return (registry) -> Gauge.builder("crypto.producer.leader", leadership, (it) -> it.isActive() ? 1 : 0)
			.description("1 on the active producer instance, 0 on a standby")
			.tag("instance.id", leadership.instanceId())
			.register(registry);
	}

	private static Properties consumerSettings(LeaderProperties properties) {
		Properties settings = new Properties();
		// the classic protocol: its session timeout is the client's to choose (the consumer protocol's is
		// the broker's, 45 s at least), and a commit keeps the session and proves the membership
		settings.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, GroupProtocol.CLASSIC.name());
		// sticky: an instance joining or leaving does not move the partition from the active instance
		settings.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
		settings.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, millis(properties.sessionTimeout()));
		settings.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, millis(properties.heartbeatInterval()));
		// an election thread stuck for a session leaves the group, so a live instance takes over
		settings.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, millis(properties.sessionTimeout()));
		settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
		return settings;
	}

	// the consumer factory takes string values only from its overrides
	private static String millis(Duration duration) {
		return String.valueOf(duration.toMillis());
	}

	private static String instanceId(LeaderProperties properties) {
		String configured = properties.instanceId();
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "unknown-host";
		}
		return host + "-" + ProcessHandle.current().pid();
	}

}
