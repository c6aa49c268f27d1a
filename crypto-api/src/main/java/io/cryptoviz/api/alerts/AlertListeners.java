package io.cryptoviz.api.alerts;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cryptoviz.api.stream.LiveEvents;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;

/**
 * The alerts' three Kafka listeners. Evaluation reads the ticks in a consumer group every API instance
 * shares, so each coin's ticks (one partition) are evaluated by one instance; it publishes what fired to
 * {@code crypto-alerts}, acknowledged, then saves the rules' states, then commits. Delivery reads
 * {@code crypto-alerts} in another shared group and POSTs each alert to its rule's webhook; a failed attempt
 * throws, and the error handler tries again with back-off, then dead-letters it. The stream reads
 * {@code crypto-alerts} in a group of this instance's own, so every instance's page clients see every alert.
 */
class AlertListeners {

	static final String EVALUATION = "crypto-api-alerts";

	static final String DELIVERY = "crypto-api-alert-delivery";

	static final String STREAM = "crypto-api-alert-stream";

	private static final Logger log = LoggerFactory.getLogger(AlertListeners.class);

	private final AlertProperties properties;

	private final AlertEvaluator evaluator;

	private final RuleStore rules;

	private final KafkaTemplate<String, String> kafka;

	private final WebhookSender webhooks;

	private final WebhookAddresses addresses;

	private final LiveEvents live;

	private final JsonMapper json;

	private final MeterRegistry meters;

	private final Counter delivered;

	private final Counter failedAttempts;

	private final Counter refused;

	AlertListeners(AlertProperties properties, AlertEvaluator evaluator, RuleStore rules,
			KafkaTemplate<String, String> kafka, WebhookSender webhooks, WebhookAddresses addresses, LiveEvents live,
			JsonMapper json, MeterRegistry meters) {
		this.properties = properties;
		this.evaluator = evaluator;
		this.rules = rules;
		this.kafka = kafka;
		this.webhooks = webhooks;
		this.addresses = addresses;
		this.live = live;
		this.json = json;
		this.meters = meters;
		for (AlertRule.Condition condition : AlertRule.Condition.values()) {
			fired(condition.id());
		}
		this.delivered = deliveries("delivered");
		this.failedAttempts = deliveries("failed_attempt");
		this.refused = deliveries("refused");
		deliveries("dead_lettered");
	}

	@KafkaListener(id = EVALUATION, topics = "${cryptoviz.kafka.topic}", groupId = "${cryptoviz.api.alerts.group-id}",
			containerFactory = AlertsConfiguration.EVALUATION_FACTORY, autoStartup = "false",
			properties = "auto.offset.reset=latest")
	void evaluate(PriceTick tick) throws InterruptedException, ExecutionException, TimeoutException {
		// a backfill loads the past: no news to alert anyone of
		if (tick.source() == TickSource.BACKFILL) {
			return;
		}
		AlertEvaluator.Outcome outcome = this.evaluator.onTick(tick);
		for (FiredAlert alert : outcome.alerts()) {
			this.kafka.send(this.properties.alertsTopic(), alert.coin(), this.json.writeValueAsString(alert))
				.get(15, TimeUnit.SECONDS);
			fired(alert.condition()).increment();
			log.info("Alert {} fired: {}", alert.alertId(), alert.message());
		}
		for (Map.Entry<String, ArmState> state : outcome.states().entrySet()) {
			this.rules.save(state.getKey(), state.getValue());
		}
	}

	@KafkaListener(id = DELIVERY, topics = "${cryptoviz.api.alerts.alerts-topic}",
			groupId = "${cryptoviz.api.alerts.delivery-group-id}", containerFactory = AlertsConfiguration.DELIVERY_FACTORY,
			autoStartup = "${cryptoviz.api.alerts.enabled}", properties = "auto.offset.reset=earliest")
	void deliver(ConsumerRecord<String, String> record,
			@Header(name = KafkaHeaders.DELIVERY_ATTEMPT, required = false) @Nullable Integer attempt)
			throws IOException {
		FiredAlert alert = read(record);
		if (alert == null) {
			return;
		}
		AlertRule rule = this.rules.get(alert.ruleId()).orElse(null);
		if (rule == null || rule.webhook() == null) {
			return;
		}
		String refusal = this.addresses.refusal(rule.webhook());
		if (refusal != null) {
			this.refused.increment();
			throw new WebhookRefusedException(alert.alertId() + ": " + refusal);
		}
		int status;
		try {
			status = this.webhooks.send(rule.webhook(), alert.alertId(), record.value(), (attempt != null) ? attempt : 1);
		}
		catch (IOException ex) {
			this.failedAttempts.increment();
			throw new IOException("Webhook of rule " + rule.id() + " did not answer alert " + alert.alertId() + ": "
					+ ex.getMessage(), ex);
		}
		if (status < 200 || status > 299) {
			this.failedAttempts.increment();
			throw new IOException("Webhook of rule " + rule.id() + " answered HTTP " + status + " to alert "
					+ alert.alertId());
		}
		this.delivered.increment();
	}

	@KafkaListener(id = STREAM, topics = "${cryptoviz.api.alerts.alerts-topic}",
			groupId = "${cryptoviz.api.alerts.stream-group-prefix}-${random.uuid}",
			containerFactory = AlertsConfiguration.STREAM_FACTORY, autoStartup = "${cryptoviz.api.alerts.enabled}",
			properties = { "auto.offset.reset=latest", "enable.auto.commit=false" })
	void stream(ConsumerRecord<String, String> record) {
		FiredAlert alert = read(record);
		if (alert != null) {
			this.live.publish("alert", alert.coin(), alert);
		}
	}

	private @Nullable FiredAlert read(ConsumerRecord<String, String> record) {
		try {
			return (record.value() != null) ? this.json.readValue(record.value(), FiredAlert.class) : null;
		}
		catch (RuntimeException ex) {
			log.warn("Ignoring unreadable alert {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
					ex.getMessage());
			return null;
		}
	}

	private Counter fired(String condition) {
		return Counter.builder("crypto.alerts.fired")
			.description("Alerts fired, by the rule's condition")
			.tag("condition", condition)
			.register(this.meters);
	}

	private Counter deliveries(String outcome) {
		return deliveries(this.meters, outcome);
	}

	static Counter deliveries(MeterRegistry meters, String outcome) {
		return Counter.builder("crypto.alerts.webhook.deliveries")
			.description("Webhook delivery attempts of fired alerts, by outcome")
			.tag("outcome", outcome)
			.register(meters);
	}

	/** A webhook the address check refuses now: never retried. */
	static final class WebhookRefusedException extends RuntimeException {

		WebhookRefusedException(String message) {
			super(message);
		}

	}

}
