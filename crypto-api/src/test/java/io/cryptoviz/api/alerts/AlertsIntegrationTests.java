package io.cryptoviz.api.alerts;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.cryptoviz.api.ApiIntegrationTests;
import io.cryptoviz.testsupport.KafkaTestClients;
import io.cryptoviz.testsupport.PrometheusScrape;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.utils.ContainerTestUtils;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alerts end to end on the real (embedded) broker: rules created over HTTP with the token, a tick published
 * to the ticks' topic fires one, which lands on {@code crypto-alerts} and at a webhook on this machine
 * (allowed by the test's {@code allowed-addresses}), signed, retried with one idempotency key, or
 * dead-lettered. Each test has coins of its own.
 */
class AlertsIntegrationTests extends ApiIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@BeforeEach
	void evaluationRuns() {
		await().atMost(WAIT).until(() -> this.listeners.getListenerContainer(AlertListeners.EVALUATION).isRunning());
		ContainerTestUtils.waitForAssignment(this.listeners.getListenerContainer(AlertListeners.EVALUATION), 3);
	}

	@Test
	void writesWithoutTheTokenAreRefusedAndChangeNothing() throws Exception {
		String rule = "{\"id\":\"no-token\",\"coin\":\"bitcoin\",\"condition\":\"price_above\",\"level\":1}";

		Answer none = send("POST", "/api/v1/alerts", null, rule);
		Answer wrong = send("POST", "/api/v1/alerts", "Bearer " + ALERTS_TOKEN + "x", rule);
		Answer basic = send("POST", "/api/v1/alerts", "Basic dXNlcjpwYXNz", rule);
		Answer delete = send("DELETE", "/api/v1/alerts/anything", null, null);

		assertThat(none.status()).isEqualTo(401);
		assertThat(none.contentType()).isEqualTo("application/problem+json");
		assertThat(none.json().get("type").asString()).isEqualTo("urn:cryptoviz:problem:authentication-required");
		assertThat(none.json().get("instance").asString()).isEqualTo("/api/v1/alerts");
		assertThat(basic.status()).isEqualTo(401);
		assertThat(wrong.status()).isEqualTo(403);
		assertThat(wrong.json().get("type").asString()).isEqualTo("urn:cryptoviz:problem:forbidden");
		assertThat(wrong.body()).doesNotContain(ALERTS_TOKEN);
		assertThat(delete.status()).isEqualTo(401);
		assertThat(get("/api/v1/alerts/no-token").status()).isEqualTo(404);
	}

	@Test
	void aBadRuleIs400NamingTheFieldAndAWebhookToAPrivateOrLoopbackAddressIsRefused() throws Exception {
		Answer noLevel = create("{\"coin\":\"bitcoin\",\"condition\":\"price_above\"}");
		Answer notJson = create("{\"coin\":");
		Answer metadata = create("{\"coin\":\"bitcoin\",\"condition\":\"price_above\",\"level\":1,"
				+ "\"webhook\":\"http://169.254.169.254/latest/meta-data\"}");
		Answer privateNet = create("{\"coin\":\"bitcoin\",\"condition\":\"price_above\",\"level\":1,"
				+ "\"webhook\":\"https://10.0.0.7/hook\"}");
		// allowed is 127.0.0.1 only
		Answer otherLoopback = create("{\"coin\":\"bitcoin\",\"condition\":\"price_above\",\"level\":1,"
				+ "\"webhook\":\"http://127.0.0.2:9/hook\"}");

		assertThat(noLevel.status()).isEqualTo(400);
		assertThat(noLevel.json().get("type").asString()).isEqualTo("urn:cryptoviz:problem:invalid-rule");
		assertThat(noLevel.json().get("field").asString()).isEqualTo("level");
		assertThat(notJson.json().get("field").asString()).isEqualTo("body");
		for (Answer refused : List.of(metadata, privateNet, otherLoopback)) {
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.json().get("field").asString()).isEqualTo("webhook");
		}
		assertThat(metadata.json().get("detail").asString()).contains("a link-local address");
		assertThat(privateNet.json().get("detail").asString()).contains("a private address");
		assertThat(otherLoopback.json().get("detail").asString()).contains("a loopback address");
	}

	@Test
	void aTickFiresTheAlertOnceItLandsOnTheAlertsTopicAndTheWebhookGetsItSignedRetriedUnderOneIdempotencyKey()
			throws Exception {
		double firedBefore = scrape().total("crypto_alerts_fired_total", "condition=\"price_above\"");
		try (WebhookReceiver webhook = WebhookReceiver.answering(503, 500, 204)) {
			Answer created = create("{\"id\":\"doge-50c\",\"coin\":\"dogecoin\",\"condition\":\"price_above\","
					+ "\"level\":0.5,\"webhook\":\"" + webhook.url("/hooks/doge?channel=alerts") + "\"}");
			assertThat(created.status()).isEqualTo(201);
			assertThat(created.json().get("armed").asBoolean()).isTrue();
			// anyone may read the rule, but not the webhook's path
			assertThat(created.json().get("webhook").asString()).isEqualTo(webhook.url("/…"));
			assertThat(get("/api/v1/alerts").body()).contains("\"id\":\"doge-50c\"").doesNotContain("/hooks/doge");

			Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS);
			publish(List.of(tick("dogecoin", "0.49", time.minusSeconds(20)), tick("dogecoin", "0.51", time.minusSeconds(10)),
					tick("dogecoin", "0.52", time)));

			await().atMost(WAIT).until(() -> webhook.deliveries().size() == 3);
			List<WebhookReceiver.Delivery> deliveries = webhook.deliveries();
			String alertId = "doge-50c@" + time.minusSeconds(10).toEpochMilli();
			assertThat(deliveries).extracting(WebhookReceiver.Delivery::attempt).containsExactly("1", "2", "3");
			assertThat(deliveries).allSatisfy((delivery) -> {
				assertThat(delivery.path()).isEqualTo("/hooks/doge");
				assertThat(delivery.idempotencyKey()).isEqualTo(alertId);
				assertThat(delivery.contentType()).isEqualTo("application/json");
				assertThat(delivery.signature()).isEqualTo("sha256=" + hmac(delivery.body()));
			});
			JsonNode alert = JSON.readTree(deliveries.get(2).body());
			assertThat(alert.get("alert_id").asString()).isEqualTo(alertId);
			assertThat(alert.get("rule_id").asString()).isEqualTo("doge-50c");
			assertThat(alert.get("coin").asString()).isEqualTo("dogecoin");
			assertThat(alert.get("price").asDouble()).isEqualTo(0.51);
			assertThat(alert.get("tick_time").asString()).isEqualTo(time.minusSeconds(10).toString());
			assertThat(alert.get("message").asString()).isEqualTo("dogecoin is at 0.51 USD, at or above 0.5 USD");

			List<ConsumerRecord<String, byte[]>> published = KafkaTestClients.readAll(this.kafka.getBrokersAsString(),
					"crypto-alerts", "dogecoin", 1, WAIT);
			assertThat(published).singleElement()
				.satisfies((record) -> assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains(alertId));
			assertThat(get("/api/v1/alerts/doge-50c").json().get("armed").asBoolean()).isFalse();
			assertThat(scrape().total("crypto_alerts_fired_total", "condition=\"price_above\"")).isEqualTo(firedBefore + 1);
			assertThat(scrape().total("crypto_alerts_webhook_deliveries_total", "outcome=\"failed_attempt\""))
				.isGreaterThanOrEqualTo(2);
		}
	}

	@Test
	void aDeliveryThatFailsEveryAttemptIsDeadLetteredWithTheAlert() throws Exception {
		try (WebhookReceiver webhook = WebhookReceiver.answering(500)) {
			assertThat(create("{\"id\":\"ltc-drop\",\"coin\":\"litecoin\",\"condition\":\"price_below\",\"level\":50,"
					+ "\"webhook\":\"" + webhook.url("/ltc") + "\"}").status()).isEqualTo(201);
			Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS);

			publish(List.of(tick("litecoin", "49.5", time)));

			List<ConsumerRecord<String, byte[]>> dead = KafkaTestClients.readAll(this.kafka.getBrokersAsString(),
					"crypto-alerts-dlt", "litecoin", 1, WAIT);
			assertThat(dead).singleElement()
				.satisfies((record) -> assertThat(new String(record.value(), StandardCharsets.UTF_8))
					.contains("\"alert_id\":\"ltc-drop@" + time.toEpochMilli() + "\""));
			// three attempts, as configured
			assertThat(webhook.deliveries()).hasSize(3);
		}
	}

	@Test
	void aRuleIsReadDeletedAndGoneWithItsState() throws Exception {
		assertThat(create("{\"id\":\"xmr-move\",\"coin\":\"monero\",\"condition\":\"move\",\"percent\":5,"
				+ "\"window\":\"1h\",\"rearm\":\"once\"}").status()).isEqualTo(201);
		JsonNode rule = get("/api/v1/alerts/xmr-move").json();
		assertThat(rule.get("condition").asString()).isEqualTo("move");
		assertThat(rule.get("window").asString()).isEqualTo("1h");
		assertThat(rule.get("direction").asString()).isEqualTo("any");
		assertThat(rule.get("origin").asString()).isEqualTo("api");
		assertThat(rule.has("margin_pct")).isFalse();

		Answer rearmed = send("POST", "/api/v1/alerts/xmr-move/rearm", "Bearer " + ALERTS_TOKEN, null);
		assertThat(rearmed.status()).isEqualTo(200);
		assertThat(send("DELETE", "/api/v1/alerts/xmr-move", "Bearer " + ALERTS_TOKEN, null).status()).isEqualTo(204);
		assertThat(get("/api/v1/alerts/xmr-move").status()).isEqualTo(404);
		assertThat(get("/api/v1/alerts/xmr-move").json().get("type").asString())
			.isEqualTo("urn:cryptoviz:problem:unknown-rule");
		assertThat(send("DELETE", "/api/v1/alerts/xmr-move", "Bearer " + ALERTS_TOKEN, null).status()).isEqualTo(404);
	}

	private PrometheusScrape scrape() {
		return PrometheusScrape.of(url(""));
	}

	Answer create(String rule) throws Exception {
		return send("POST", "/api/v1/alerts", "Bearer " + ALERTS_TOKEN, rule);
	}

	Answer send(String method, String path, String authorization, String body) {
		return sendTo(url(path), method, authorization, body);
	}

	static Answer sendTo(String url, String method, String authorization, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.build());
	}

	static Map.Entry<String, byte[]> tick(String coin, String usd, Instant time) {
		return entry(coin, ("{\"crypto\":\"" + coin + "\",\"price_usd\":" + usd + ",\"timestamp\":\"" + time
				+ "\",\"source\":\"coingecko\"}")
			.getBytes(StandardCharsets.UTF_8));
	}

	static String hmac(String body) {
		return WebhookSender.sign(WEBHOOK_SECRET, body.getBytes(StandardCharsets.UTF_8));
	}

}
