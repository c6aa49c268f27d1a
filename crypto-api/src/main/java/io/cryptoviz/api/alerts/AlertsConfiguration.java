package io.cryptoviz.api.alerts;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import io.cryptoviz.api.series.CandleReader;
import io.cryptoviz.api.stream.LiveEvents;
import io.cryptoviz.kafka.TopicProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The alerts' topics, Kafka clients and listener containers, kept apart from the live stream's: its
 * container factory never commits and skips every failure, the alerts' commit after each record, and a
 * delivery that fails is retried with back-off and dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class AlertsConfiguration {

	static final String EVALUATION_FACTORY = "alertEvaluationContainerFactory";

	static final String DELIVERY_FACTORY = "alertDeliveryContainerFactory";

	static final String STREAM_FACTORY = "alertStreamContainerFactory";

	private static final Logger log = LoggerFactory.getLogger(AlertsConfiguration.class);

	@Bean
	NewTopic alertRulesTopic(AlertProperties alerts, TopicProperties topics) {
		return TopicBuilder.name(alerts.rulesTopic()).partitions(1).replicas(topics.replicationFactor()).compact().build();
	}

	@Bean
	NewTopic alertStateTopic(AlertProperties alerts, TopicProperties topics) {
		return TopicBuilder.name(alerts.stateTopic()).partitions(1).replicas(topics.replicationFactor()).compact().build();
	}

	@Bean
	NewTopic alertsTopic(AlertProperties alerts, TopicProperties topics) {
		return TopicBuilder.name(alerts.alertsTopic())
			.partitions(topics.partitions())
			.replicas(topics.replicationFactor())
			.build();
	}

	@Bean
	NewTopic alertsDeadLetterTopic(AlertProperties alerts, TopicProperties topics) {
		return TopicBuilder.name(alerts.deadLetterTopic())
			.partitions(topics.partitions())
			.replicas(topics.replicationFactor())
			.build();
	}

	@Bean
	KafkaTemplate<String, String> alertsKafkaTemplate(KafkaProperties kafka) {
		Map<String, Object> settings = new HashMap<>(kafka.buildProducerProperties());
		settings.put(ProducerConfig.ACKS_CONFIG, "all");
		settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		return new KafkaTemplate<>(
				new DefaultKafkaProducerFactory<>(settings, new StringSerializer(), new StringSerializer()));
	}

	@Bean
	RuleStore ruleStore(AlertProperties alerts, KafkaProperties kafka, KafkaTemplate<String, String> alertsKafkaTemplate,
			JsonMapper json, Clock clock, MeterRegistry meters) {
		RuleStore store = new RuleStore(alerts, stringConsumer(kafka), alertsKafkaTemplate, json, clock);
		Gauge.builder("crypto.alerts.rules", store, (rules) -> rules.all().size())
			.description("Alert rules, from the rules topic and the configuration")
			.register(meters);
		return store;
	}

	@Bean
	AlertEvaluator alertEvaluator(RuleStore rules, CandleReader candles, Clock clock) {
		return new AlertEvaluator(rules, new CandleRsi(candles), clock);
	}

	@Bean
	AlertListeners alertListeners(AlertProperties alerts, AlertEvaluator evaluator, RuleStore rules,
			KafkaTemplate<String, String> alertsKafkaTemplate, WebhookAddresses addresses, LiveEvents live,
			JsonMapper json, MeterRegistry meters) {
		return new AlertListeners(alerts, evaluator, rules, alertsKafkaTemplate, new WebhookSender(alerts.webhook()),
				addresses, live, json, meters);
	}

	/** Evaluation starts once every rule and state is read: a tick evaluated before would miss its rules. */
	@EventListener(ApplicationReadyEvent.class)
	void startEvaluation(ApplicationReadyEvent event) {
		AlertProperties alerts = event.getApplicationContext().getBean(AlertProperties.class);
		if (!alerts.enabled()) {
			return;
		}
		KafkaListenerEndpointRegistry registry = event.getApplicationContext().getBean(KafkaListenerEndpointRegistry.class);
		event.getApplicationContext().getBean(RuleStore.class).whenLoaded(() -> {
			MessageListenerContainer container = registry.getListenerContainer(AlertListeners.EVALUATION);
			if (container != null && !container.isRunning()) {
				container.start();
			}
		});
	}

	/** The ticks, read as the live stream reads them, committed after each; a poison record is skipped. */
	@Bean(EVALUATION_FACTORY)
	ConcurrentKafkaListenerContainerFactory<Object, Object> alertEvaluationContainerFactory(
			ConsumerFactory<Object, Object> consumerFactory) {
		ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(consumerFactory);
		factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.RECORD);
		// Kafka failing to take an alert: tried again for a while; the record is then skipped, and logged
		factory.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(1000, 10)));
		return factory;
	}

	@Bean(DELIVERY_FACTORY)
	ConcurrentKafkaListenerContainerFactory<String, String> alertDeliveryContainerFactory(KafkaProperties kafka,
			AlertProperties alerts, KafkaTemplate<String, String> alertsKafkaTemplate, MeterRegistry meters) {
		ConcurrentKafkaListenerContainerFactory<String, String> factory = stringFactory(kafka);
		factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.RECORD);
		factory.getContainerProperties().setDeliveryAttemptHeader(true);
		DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(alertsKafkaTemplate,
				(record, ex) -> new TopicPartition(alerts.deadLetterTopic(), record.partition()));
		AlertProperties.Webhook webhook = alerts.webhook();
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(webhook.attempts() - 1);
		backOff.setInitialInterval(webhook.initialBackoff().toMillis());
		backOff.setMultiplier(2);
		backOff.setMaxInterval(webhook.maxBackoff().toMillis());
		DefaultErrorHandler errors = new DefaultErrorHandler((record, ex) -> {
			log.warn("Alert delivery dead-lettered to {}: {}", alerts.deadLetterTopic(),
					NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
			deadLetters.accept(record, ex);
			AlertListeners.deliveries(meters, "dead_lettered").increment();
		}, backOff);
		errors.addNotRetryableExceptions(AlertListeners.WebhookRefusedException.class);
		factory.setCommonErrorHandler(errors);
		return factory;
	}

	@Bean(STREAM_FACTORY)
	ConcurrentKafkaListenerContainerFactory<String, String> alertStreamContainerFactory(KafkaProperties kafka) {
		ConcurrentKafkaListenerContainerFactory<String, String> factory = stringFactory(kafka);
		// a group of this instance's own, thrown away with it: it commits nothing
		factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
		factory.getContainerProperties().setAssignmentCommitOption(ContainerProperties.AssignmentCommitOption.NEVER);
		factory.setCommonErrorHandler(new CommonErrorHandler() {

			@Override
			public boolean handleOne(Exception thrown, ConsumerRecord<?, ?> record, Consumer<?, ?> consumer,
					MessageListenerContainer container) {
				log.warn("Live stream skips alert {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
						thrown.getMessage());
				return true;
			}

			@Override
			public boolean isAckAfterHandle() {
				return false;
			}

		});
		return factory;
	}

	private static ConcurrentKafkaListenerContainerFactory<String, String> stringFactory(KafkaProperties kafka) {
		ConcurrentKafkaListenerContainerFactory<String, String> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(stringConsumer(kafka), new StringDeserializer(),
				new StringDeserializer()));
		return factory;
	}

	private static Map<String, Object> stringConsumer(KafkaProperties kafka) {
		Map<String, Object> settings = new HashMap<>(kafka.buildConsumerProperties());
		settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		return settings;
	}

}
