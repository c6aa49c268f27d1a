package io.cryptoviz.api.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.cryptoviz.api.ApiApplication;
import io.cryptoviz.api.ApiIntegrationTests;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two API instances on one broker: a rule made on one is known to the other, survives the restart of the
 * instance it was made on, and a tick is evaluated by one instance only, so its alert reaches the webhook
 * once. The second instance is the same application in this JVM, on a port of its own.
 */
class AlertsAcrossInstancesIntegrationTests extends ApiIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(90);

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@Test
	void rulesAreSharedByEveryInstanceSurviveARestartAndEachAlertIsDeliveredOnce() throws Exception {
		try (WebhookReceiver webhook = WebhookReceiver.answering(200)) {
			try (ConfigurableApplicationContext second = instance()) {
				AlertsIntegrationTests.Answer created = AlertsIntegrationTests.sendTo(url(second, "/api/v1/alerts"), "POST",
						"Bearer " + ALERTS_TOKEN, "{\"id\":\"avax-40\",\"coin\":\"avalanche-2\",\"condition\":\"price_above\","
								+ "\"level\":40,\"webhook\":\"" + webhook.url("/avax") + "\"}");
				assertThat(created.status()).isEqualTo(201);

				await().atMost(WAIT).until(() -> get("/api/v1/alerts/avax-40").status() == 200);
			}
			// the instance the rule was made on is gone; a new one knows it from the rules topic
			try (ConfigurableApplicationContext restarted = instance()) {
				await().atMost(WAIT)
					.until(() -> AlertsIntegrationTests.sendTo(url(restarted, "/api/v1/alerts/avax-40"), "GET", null, null)
						.status() == 200);
				KafkaListenerEndpointRegistry other = restarted.getBean(KafkaListenerEndpointRegistry.class);
				// the ticks' three partitions shared between the two instances' evaluation
				await().atMost(WAIT)
					.until(() -> assigned(this.listeners) > 0 && assigned(other) > 0
							&& assigned(this.listeners) + assigned(other) == 3);

				Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS);
				publish(List.of(AlertsIntegrationTests.tick("avalanche-2", "39.5", time.minusSeconds(30)),
						AlertsIntegrationTests.tick("avalanche-2", "40.5", time.minusSeconds(20)),
						AlertsIntegrationTests.tick("avalanche-2", "40.2", time.minusSeconds(10)),
						AlertsIntegrationTests.tick("avalanche-2", "41.0", time)));

				await().atMost(WAIT).until(() -> webhook.deliveries().size() >= 1);
				// every tick evaluated and every alert delivered: still one delivery
				await().atMost(WAIT).until(() -> caughtUp("crypto-api-alerts", "crypto-prices")
						&& caughtUp("crypto-api-alert-delivery", "crypto-alerts"));
				assertThat(webhook.deliveries()).singleElement()
					.satisfies((delivery) -> assertThat(delivery.idempotencyKey())
						.isEqualTo("avax-40@" + time.minusSeconds(20).toEpochMilli()));
			}
		}
	}

	private ConfigurableApplicationContext instance() {
		return new SpringApplicationBuilder(ApiApplication.class).run("--server.port=0",
				"--spring.kafka.bootstrap-servers=" + this.kafka.getBrokersAsString(), "--influx.url=" + influx().url(),
				"--cryptoviz.api.alerts.token=" + ALERTS_TOKEN, "--cryptoviz.api.alerts.webhook.secret=" + WEBHOOK_SECRET,
				"--cryptoviz.api.alerts.webhook.allowed-addresses=127.0.0.1/32",
				"--cryptoviz.api.alerts.webhook.initial-backoff=100ms", "--cryptoviz.api.alerts.webhook.max-backoff=200ms");
	}

	private static String url(ConfigurableApplicationContext instance, String path) {
		return "http://localhost:" + instance.getEnvironment().getProperty("local.server.port") + path;
	}

	private static int assigned(KafkaListenerEndpointRegistry registry) {
		MessageListenerContainer container = registry.getListenerContainer(AlertListeners.EVALUATION);
		Collection<TopicPartition> partitions = (container != null) ? container.getAssignedPartitions() : null;
		return (partitions != null) ? partitions.size() : 0;
	}

	/** Whether the group has committed every partition of the topic up to its end. */
	private boolean caughtUp(String group, String topic) throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.kafka.getBrokersAsString()))) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get(10, TimeUnit.SECONDS);
			Map<TopicPartition, OffsetSpec> partitions = admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get(10, TimeUnit.SECONDS)
				.get(topic)
				.partitions()
				.stream()
				.collect(Collectors.toMap((info) -> new TopicPartition(topic, info.partition()), (info) -> OffsetSpec.latest()));
			return admin.listOffsets(partitions).all().get(10, TimeUnit.SECONDS).entrySet().stream().allMatch((end) -> {
				OffsetAndMetadata offset = committed.get(end.getKey());
				return end.getValue().offset() == 0 || (offset != null && offset.offset() >= end.getValue().offset());
			});
		}
	}

}
