package io.cryptoviz.producer.leader;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.cryptoviz.producer.ProducerApplication;
import io.cryptoviz.testsupport.CoinGeckoStub;
import io.cryptoviz.testsupport.StubResponse;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Producer instances from the application itself, against a real (embedded) Kafka broker, each
 * polling its own CoinGecko stub so the test knows who polled.
 */
@EmbeddedKafka(partitions = 3)
class LeaderElectionFlowTests {

	private static final String TOPIC = "crypto-producer-leader";

	@RegisterExtension
	static final CoinGeckoStub firstStub = CoinGeckoStub.start();

	@RegisterExtension
	static final CoinGeckoStub secondStub = CoinGeckoStub.start();

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private String group;

	@BeforeEach
	void answerPrices(TestInfo test) {
		firstStub.willAnswer("/simple/price", StubResponse.fixture("simple_price.json"));
		secondStub.willAnswer("/simple/price", StubResponse.fixture("simple_price.json"));
		// a group of its own per test: no member of another test's instances takes part
		this.group = "leader-" + test.getTestMethod().orElseThrow().getName();
	}

	@Test
	void exactlyOneOfTwoInstancesPollsAndTheStandbyIsHealthy(EmbeddedKafkaBroker kafka) throws Exception {
		// stale at once: a standby judged by the age of its last poll would be DOWN
		try (Instance first = start(kafka, "first", firstStub, "cryptoviz.producer.stale-after=1ms");
				Instance second = start(kafka, "second", secondStub, "cryptoviz.producer.stale-after=1ms")) {
			await().atMost(Duration.ofSeconds(60)).until(() -> first.isActive() || second.isActive());
			Instance active = first.isActive() ? first : second;
			Instance standby = (active == first) ? second : first;
			await().atMost(Duration.ofSeconds(30)).until(() -> active.polls() >= 10);

			assertThat(standby.polls()).as("requests from the standby").isZero();
			assertThat(standby.isActive()).isFalse();
			assertThat(active.gauge()).isEqualTo(1.0);
			assertThat(standby.gauge()).isEqualTo(0.0);
			JsonNode activeHealth = active.health();
			assertThat(activeHealth.at("/components/leader/status").asString()).isEqualTo("UP");
			assertThat(activeHealth.at("/components/leader/details/role").asString()).isEqualTo("active");
			assertThat(activeHealth.at("/components/leader/details/instance").asString()).isEqualTo(active.id);
			JsonNode standbyHealth = standby.health();
			assertThat(standbyHealth.at("/components/leader/status").asString()).isEqualTo("UP");
			assertThat(standbyHealth.at("/components/leader/details/role").asString()).isEqualTo("standby");
			assertThat(standbyHealth.at("/components/leader/details/instance").asString()).isEqualTo(standby.id);
			assertThat(standbyHealth.at("/components/priceSource/status").asString()).isEqualTo("UP");
			assertThat(standbyHealth.at("/components/priceSource/details/role").asString()).isEqualTo("standby");
			assertThat(standby.readiness()).isEqualTo(200);
			// as an operator sees it: kafka-consumer-groups.sh --describe --group ...
			ConsumerGroupDescription group = describeGroup(kafka);
			assertThat(group.members()).extracting(MemberDescription::clientId)
				.containsExactlyInAnyOrder(this.group + "-first", this.group + "-second");
			assertThat(group.members())
				.filteredOn((member) -> member.assignment().topicPartitions().contains(new TopicPartition(TOPIC, 0)))
				.extracting(MemberDescription::clientId)
				.containsExactly(this.group + "-" + active.id);
		}
	}

	@Test
	void aCleanStopHandsOverAtOnceWithoutWaitingForTheSession(EmbeddedKafkaBroker kafka) throws Exception {
		// a session of five minutes: a takeover within the minute is the handover, not a timeout
		String[] longSession = { "cryptoviz.producer.leader.session-timeout=5m" };
		try (Instance first = start(kafka, "first", firstStub, longSession)) {
			await().atMost(Duration.ofSeconds(60)).until(first::isActive);
			try (Instance second = start(kafka, "second", secondStub, longSession)) {
				await().atMost(Duration.ofSeconds(60)).until(() -> {
					ConsumerGroupDescription group = describeGroup(kafka);
					return group.members().size() == 2 && group.groupState() == GroupState.STABLE;
				});
				await().atMost(Duration.ofSeconds(30)).until(() -> first.polls() >= 5);
				assertThat(second.isActive()).isFalse();

				first.close();

				await().atMost(Duration.ofSeconds(60)).until(second::isActive);
				await().atMost(Duration.ofSeconds(30)).until(() -> second.polls() >= 1);
				Instant lastOfFirst = firstStub.requests().get(firstStub.requests().size() - 1).receivedAt();
				assertThat(secondStub.requests().get(0).receivedAt()).as("the second polled after the first")
					.isAfter(lastOfFirst);
				assertThat(first.changes()).extracting(LeadershipChanged::active).containsExactly(true, false);
				assertThat(first.changes().get(1).reason()).isEqualTo("this instance is stopping: handed over");
			}
		}
	}

	@Test
	void theStandbyTakesOverWhenTheActiveInstanceStopsHeartbeating(EmbeddedKafkaBroker kafka) throws Exception {
		try (SilentMember other = new SilentMember(kafka.getBrokersAsString(), this.group)) {
			await().atMost(Duration.ofSeconds(60)).until(other::holdsThePartition);
			try (Instance standby = start(kafka, "standby", firstStub)) {
				await().atMost(Duration.ofSeconds(60)).until(() -> standby.health()
					.at("/components/leader/details/role")
					.asString()
					.equals("standby"));
				assertThat(other.holdsThePartition()).isTrue();

				other.dieWithoutLeaving();

				await().atMost(Duration.ofSeconds(60)).until(standby::isActive);
				await().atMost(Duration.ofSeconds(30)).until(() -> standby.polls() >= 1);
				assertThat(standby.changes()).extracting(LeadershipChanged::active).containsExactly(true);
			}
		}
	}

	@Test
	void anActiveInstanceTheCoordinatorRemovesStepsDownAtOnceThenRejoins(EmbeddedKafkaBroker kafka) throws Exception {
		try (Instance only = start(kafka, "only", firstStub)) {
			await().atMost(Duration.ofSeconds(60)).until(only::isActive);

			try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.getBrokersAsString()))) {
				admin.removeMembersFromConsumerGroup(this.group, new RemoveMembersFromConsumerGroupOptions())
					.all()
					.get(30, TimeUnit.SECONDS);
			}

			await().atMost(Duration.ofSeconds(60)).until(() -> only.changes().size() >= 3);
			assertThat(only.changes()).extracting(LeadershipChanged::active).startsWith(true, false, true);
			assertThat(only.changes().get(1).reason())
				.isEqualTo("the group coordinator removed this instance from the group");
			assertThat(only.isActive()).isTrue();
		}
	}

	@Test
	void withTheElectionOffAnInstanceIsActiveAloneWithoutJoiningAGroup(EmbeddedKafkaBroker kafka) throws Exception {
		try (Instance alone = start(kafka, "alone", firstStub, "cryptoviz.producer.leader.enabled=false")) {
			assertThat(alone.isActive()).isTrue();
			await().atMost(Duration.ofSeconds(30)).until(() -> alone.polls() >= 1);

			JsonNode leader = alone.health().at("/components/leader");
			assertThat(leader.at("/status").asString()).isEqualTo("UP");
			assertThat(leader.at("/details/role").asString()).isEqualTo("active");
			assertThat(leader.at("/details/election").asString())
				.isEqualTo("disabled: this instance is the only producer");
			assertThat(alone.gauge()).isEqualTo(1.0);
			try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.getBrokersAsString()))) {
				assertThat(admin.listGroups().all().get(30, TimeUnit.SECONDS))
					.noneMatch((listed) -> listed.groupId().equals(this.group));
			}
		}
	}

	private ConsumerGroupDescription describeGroup(EmbeddedKafkaBroker kafka) throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.getBrokersAsString()))) {
			return admin.describeConsumerGroups(List.of(this.group)).all().get(30, TimeUnit.SECONDS).get(this.group);
		}
	}

	private Instance start(EmbeddedKafkaBroker kafka, String id, CoinGeckoStub stub, String... options) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("spring.kafka.bootstrap-servers", kafka.getBrokersAsString());
		settings.put("server.port", "0");
		settings.put("cryptoviz.coingecko.base-url", stub.baseUrl());
		settings.put("cryptoviz.producer.poll-interval", "200ms");
		// the stub has no per-minute limit; the keyless plan's 5 a minute would space the polls 12 s apart
		settings.put("cryptoviz.coingecko.plans.keyless.calls-per-minute", "6000");
		settings.put("cryptoviz.producer.leader.group-id", this.group);
		settings.put("cryptoviz.producer.leader.instance-id", id);
		settings.put("cryptoviz.producer.leader.session-timeout", "6s");
		settings.put("cryptoviz.producer.leader.heartbeat-interval", "1s");
		for (String option : options) {
			settings.put(option.substring(0, option.indexOf('=')), option.substring(option.indexOf('=') + 1));
		}
		String[] args = settings.entrySet()
			.stream()
			.map((setting) -> "--" + setting.getKey() + "=" + setting.getValue())
			.toArray(String[]::new);
		List<LeadershipChanged> changes = new CopyOnWriteArrayList<>();
		ApplicationListener<ApplicationEvent> recorder = (event) -> {
			if (event instanceof PayloadApplicationEvent<?> payload
					&& payload.getPayload() instanceof LeadershipChanged change) {
				changes.add(change);
			}
		};
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ProducerApplication.class)
			.listeners(recorder)
			.run(args);
		return new Instance(id, context, stub, changes);
	}

	/** One producer instance. */
	private final class Instance implements AutoCloseable {

		private final String id;

		private final ConfigurableApplicationContext context;

		private final CoinGeckoStub stub;

		private final List<LeadershipChanged> changes;

		Instance(String id, ConfigurableApplicationContext context, CoinGeckoStub stub,
				List<LeadershipChanged> changes) {
			this.id = id;
			this.context = context;
			this.stub = stub;
			this.changes = changes;
		}

		boolean isActive() {
			return this.context.getBean(Leadership.class).isActive();
		}

		int polls() {
			return this.stub.requests("/simple/price").size();
		}

		double gauge() {
			return this.context.getBean(MeterRegistry.class)
				.get("crypto.producer.leader")
				.tag("instance.id", this.id)
				.gauge()
				.value();
		}

		List<LeadershipChanged> changes() {
			return List.copyOf(this.changes);
		}

		JsonNode health() throws Exception {
			return LeaderElectionFlowTests.this.json.readTree(get("/actuator/health").body());
		}

		int readiness() throws Exception {
			return get("/actuator/health/readiness").statusCode();
		}

		private HttpResponse<String> get(String path) throws Exception {
			String port = this.context.getEnvironment().getProperty("local.server.port");
			return LeaderElectionFlowTests.this.http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

	/**
	 * Another instance's election consumer that holds the partition, then falls silent as a process
	 * killed or frozen would: no heartbeat, and no goodbye to the group.
	 */
	private static final class SilentMember implements AutoCloseable {

		private final ExecutorService thread = Executors.newSingleThreadExecutor();

		private final Future<?> membership;

		private volatile boolean alive = true;

		private volatile boolean holds;

		SilentMember(String bootstrapServers, String group) {
			Map<String, Object> settings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
					ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic",
					ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName(),
					ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6000, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1000,
					ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
			this.membership = this.thread.submit(() -> {
				KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
						new ByteArrayDeserializer());
				consumer.subscribe(List.of(TOPIC));
				while (this.alive) {
					consumer.poll(Duration.ofMillis(100));
					this.holds = consumer.assignment().contains(new TopicPartition(TOPIC, 0));
				}
				consumer.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.REMAIN_IN_GROUP)
					.withTimeout(Duration.ofSeconds(5)));
			});
		}

		boolean holdsThePartition() {
			return this.holds;
		}

		void dieWithoutLeaving() throws Exception {
			this.alive = false;
			this.membership.get(30, TimeUnit.SECONDS);
		}

		@Override
		public void close() throws Exception {
			if (this.alive) {
				dieWithoutLeaving();
			}
			this.thread.shutdown();
		}

	}

}
