package io.cryptoviz.api.alerts;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cryptoviz.api.kafka.CompactedTopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * The rules and whether each is armed: two compacted topics that every API instance reads whole, from the
 * beginning, on a thread of its own (no consumer group), and keeps reading, so every instance knows every
 * rule, a restart loses none, and an instance that takes a coin over knows its rules' states. The rules the
 * configuration declares come first and cannot be changed over HTTP. Writes go to Kafka, acknowledged,
 * before they count here.
 */
class RuleStore extends CompactedTopicReader implements AlertEvaluator.AlertBook {

	private static final Logger log = LoggerFactory.getLogger(RuleStore.class);

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

	private final AlertProperties properties;

	private final KafkaTemplate<String, String> kafka;

	private final JsonMapper json;

	private final Map<String, AlertRule> configured;

	private final Map<String, AlertRule> stored = new ConcurrentHashMap<>();

	private final Map<String, ArmState> states = new ConcurrentHashMap<>();

	private final CountDownLatch loaded = new CountDownLatch(1);

	private final List<Runnable> whenLoaded = new ArrayList<>();

	RuleStore(AlertProperties properties, Map<String, Object> consumerSettings, KafkaTemplate<String, String> kafka,
			JsonMapper json, Clock clock) {
		super("alert-rules", groupless(consumerSettings), Duration.ofMillis(500));
		this.properties = properties;
		this.kafka = kafka;
		this.json = json;
		Map<String, AlertRule> declared = new LinkedHashMap<>();
		properties.rules().forEach((id, fields) -> {
			AlertRule rule = RuleParser.parse(RuleParser.fromConfiguration(fields), id, clock.instant(),
					AlertRule.CONFIGURATION);
			if (rule.webhook() != null && !properties.webhook().signs()) {
				throw new IllegalStateException("cryptoviz.api.alerts.rules." + id
						+ ".webhook needs cryptoviz.api.alerts.webhook.secret to sign its deliveries with");
			}
			declared.put(id, rule);
		});
		this.configured = Map.copyOf(declared);
	}

	/** Runs once the topics have been read up to where they ended at start-up (at once if they have been). */
	synchronized void whenLoaded(Runnable action) {
		if (this.loaded.getCount() == 0) {
			action.run();
		}
		else {
			this.whenLoaded.add(action);
		}
	}

	boolean isLoaded() {
		return this.loaded.getCount() == 0;
	}

	List<AlertRule> all() {
		Map<String, AlertRule> all = new HashMap<>(this.stored);
		all.putAll(this.configured);
		return all.values().stream().sorted(Comparator.comparing(AlertRule::id)).toList();
	}

	Optional<AlertRule> get(String id) {
		AlertRule rule = this.configured.get(id);
		return Optional.ofNullable((rule != null) ? rule : this.stored.get(id));
	}

	boolean isConfigured(String id) {
		return this.configured.containsKey(id);
	}

	@Override
	public Collection<AlertRule> rulesOf(String coin) {
		return all().stream().filter((rule) -> rule.coin().equals(coin)).toList();
	}

	@Override
	public @Nullable ArmState state(String ruleId) {
		return this.states.get(ruleId);
	}

	Optional<ArmState> stateOf(String ruleId) {
		return Optional.ofNullable(this.states.get(ruleId));
	}

	void save(String ruleId, ArmState state) {
		send(this.properties.stateTopic(), ruleId, this.json.writeValueAsString(state));
		this.states.put(ruleId, state);
	}

	void put(AlertRule rule) {
		send(this.properties.rulesTopic(), rule.id(), this.json.writeValueAsString(rule));
		this.stored.put(rule.id(), rule);
	}

	void delete(String id) {
		send(this.properties.rulesTopic(), id, null);
		send(this.properties.stateTopic(), id, null);
		this.stored.remove(id);
		this.states.remove(id);
	}

	private void send(String topic, String key, @Nullable String value) {
		try {
			this.kafka.send(topic, key, value).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted writing " + topic, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not take the write to " + topic + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	protected List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : List.of(this.properties.rulesTopic(), this.properties.stateTopic())) {
			for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
				partitions.add(new TopicPartition(topic, info.partition()));
			}
		}
		return partitions;
	}

	@Override
	protected void failed(RuntimeException failure) {
		log.error("Stopped reading the alert rules ({}, {}): {}; alerts are not evaluated until a restart",
				this.properties.rulesTopic(), this.properties.stateTopic(), failure.toString());
	}

	@Override
	protected void caughtUp() {
		List<Runnable> actions;
		synchronized (this) {
			this.loaded.countDown();
			actions = List.copyOf(this.whenLoaded);
			this.whenLoaded.clear();
		}
		log.info("Alert rules loaded: {} from the rules topic, {} from configuration", this.stored.size(),
				this.configured.size());
		actions.forEach(Runnable::run);
	}

	@Override
	protected void accept(ConsumerRecord<String, String> record) {
		String key = record.key();
		if (key == null) {
			return;
		}
		boolean rules = record.topic().equals(this.properties.rulesTopic());
		if (record.value() == null) {
			(rules ? this.stored : this.states).remove(key);
			return;
		}
		try {
			if (rules) {
				this.stored.put(key, this.json.readValue(record.value(), AlertRule.class));
			}
			else {
				ArmState state = this.json.readValue(record.value(), ArmState.class);
				// this instance's own write, read back, may be older than what it has done since
				this.states.merge(key, state, (mine, read) -> read.changedAt().isBefore(mine.changedAt()) ? mine : read);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Ignoring unreadable record {} of {} at offset {}: {}", key, record.topic(), record.offset(),
					ex.getMessage());
		}
	}

	/** Before the listeners (phase 0 … Integer.MAX_VALUE - 100 for Kafka's containers). */
	@Override
	public int getPhase() {
		return Integer.MIN_VALUE + 1000;
	}

}
