package io.cryptoviz.e2e.operations;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.cryptoviz.devstack.ServiceProcess;
import io.cryptoviz.e2e.stack.HttpAnswer;
import io.cryptoviz.e2e.stack.OperationsStack;
import io.cryptoviz.e2e.stack.SharedOperationsStack;
import io.cryptoviz.testsupport.PrometheusScrape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What operators and orchestrators see of the running services: health with its probes, build
 * information, Prometheus metrics, and nothing more.
 */
@ExtendWith(SharedOperationsStack.class)
@ResourceLock(SharedOperationsStack.RESOURCE)
class ServiceEndpointsIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Each service's dependencies, which its readiness (and not its liveness) depends on. */
	private static final Map<String, List<String>> DEPENDENCIES = Map.of("crypto-producer",
			List.of("kafka", "priceSource", "leader"), "crypto-consumer", List.of("kafka", "influx", "rollups"), "crypto-api",
			List.of("kafka", "influx", "rollups"));

	private static OperationsStack stack;

	@BeforeAll
	static void useStack(OperationsStack operationsStack) {
		stack = operationsStack;
	}

	@Test
	void everyServiceIsUpWithItsDependenciesAsHealthComponents() {
		for (ServiceProcess service : stack.services()) {
			JsonNode health = awaitUp(service.url() + "/actuator/health");
			assertThat(health.path("components").propertyNames()).as(service.name())
				.containsAll(DEPENDENCIES.get(service.name()))
				.contains("livenessState", "readinessState");
			for (String dependency : DEPENDENCIES.get(service.name())) {
				assertThat(health.path("components").path(dependency).path("status").asString())
					.as("%s: %s", service.name(), dependency)
					.isEqualTo("UP");
			}
		}
	}

	@Test
	void readinessDependsOnKafkaAndTheServicesOwnDependenciesLivenessOnlyOnTheProcess() {
		for (ServiceProcess service : stack.services()) {
			JsonNode readiness = awaitUp(service.url() + "/actuator/health/readiness");
			assertThat(readiness.path("components").propertyNames()).as(service.name())
				.containsExactlyInAnyOrderElementsOf(with(DEPENDENCIES.get(service.name()), "readinessState"));

			HttpAnswer liveness = HttpAnswer.get(service.url() + "/actuator/health/liveness");
			assertThat(liveness.status()).as(service.name()).isEqualTo(200);
			assertThat(JSON.readTree(liveness.body()).path("components").propertyNames()).as(service.name())
				.containsExactly("livenessState");
		}
	}

	@Test
	void infoShowsTheBuildAndTheJavaRuntime() {
		for (ServiceProcess service : stack.services()) {
			HttpAnswer info = HttpAnswer.get(service.url() + "/actuator/info");
			assertThat(info.status()).isEqualTo(200);
			JsonNode json = JSON.readTree(info.body());
			assertThat(json.path("build").path("artifact").asString()).isEqualTo(service.name());
			assertThat(json.path("build").path("version").asString()).isNotBlank();
			assertThat(json.path("build").path("time").asString()).isNotBlank();
			assertThat(json.path("java").path("version").asString()).isNotBlank();
		}
	}

	@Test
	void onlyHealthInfoAndPrometheusAreExposed() {
		for (ServiceProcess service : stack.services()) {
			JsonNode links = JSON.readTree(HttpAnswer.get(service.url() + "/actuator").body()).path("_links");
			assertThat(links.propertyNames()).as(service.name())
				.allMatch((link) -> link.equals("self") || link.startsWith("health") || link.equals("info")
						|| link.equals("prometheus"));
			for (String endpoint : List.of("env", "configprops", "beans", "heapdump", "threaddump", "loggers",
					"mappings", "metrics", "shutdown", "conditions", "scheduledtasks")) {
				assertThat(HttpAnswer.get(service.url() + "/actuator/" + endpoint).status())
					.as("%s /actuator/%s", service.name(), endpoint)
					.isEqualTo(404);
			}
		}
	}

	@Test
	void noEndpointShowsTheInfluxDbToken() {
		for (ServiceProcess service : stack.services()) {
			for (String endpoint : List.of("", "/health", "/health/readiness", "/info", "/prometheus")) {
				assertThat(HttpAnswer.get(service.url() + "/actuator" + endpoint).body())
					.as("%s /actuator%s", service.name(), endpoint)
					.doesNotContain(OperationsStack.INFLUX_TOKEN);
			}
		}
	}

	@Test
	void producerCountsItsPollsRequestsAndPublishedTicks() {
		String producer = stack.service("crypto-producer").url();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			PrometheusScrape scrape = PrometheusScrape.of(producer);
			assertThat(scrape.named("crypto_polls_total")).anySatisfy((polls) -> {
				assertThat(polls.labels()).containsEntry("outcome", "success");
				assertThat(polls.value()).isGreaterThanOrEqualTo(3);
			});
			assertThat(scrape.named("crypto_ticks_published_total")).anySatisfy((ticks) -> {
				assertThat(ticks.labels()).containsEntry("source", "coingecko");
				assertThat(ticks.value()).isGreaterThanOrEqualTo(5);
			});
			assertThat(scrape.total("crypto_coingecko_requests_seconds_count")).isGreaterThanOrEqualTo(3);
			assertThat(scrape.names()).anyMatch((name) -> name.startsWith("kafka_producer_"));
			assertTaggedWithApplication(scrape, "crypto-producer");
		});
	}

	@Test
	void consumerCountsItsBatchesWritesAndPointsAndExposesItsLag() {
		String consumer = stack.service("crypto-consumer").url();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			PrometheusScrape scrape = PrometheusScrape.of(consumer);
			assertThat(scrape.total("crypto_points_written_total")).isGreaterThan(0);
			assertThat(scrape.total("crypto_influx_write_seconds_count")).isGreaterThan(0);
			assertThat(scrape.named("crypto_influx_write_seconds_bucket")).isNotEmpty();
			assertThat(scrape.total("crypto_consumer_batch_size_count")).isGreaterThan(0);
			assertThat(scrape.names()).contains("kafka_consumer_fetch_manager_records_lag_max");
			assertTaggedWithApplication(scrape, "crypto-consumer");
		});
	}

	@Test
	void apiCountsTheTicksItReadsAndItsStreamClients() {
		String api = stack.service("crypto-api").url();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			PrometheusScrape scrape = PrometheusScrape.of(api);
			assertThat(scrape.named("crypto_api_ticks_received_total")).anySatisfy((ticks) -> {
				assertThat(ticks.labels()).containsEntry("source", "coingecko");
				assertThat(ticks.value()).isGreaterThanOrEqualTo(5);
			});
			assertThat(scrape.names()).contains("crypto_api_stream_clients", "crypto_api_stream_refused_total",
					"crypto_api_stream_dropped_total");
			assertTaggedWithApplication(scrape, "crypto-api");
		});
	}

	@Test
	void everyServiceExposesJvmAndHttpMetricsTaggedWithItsName() {
		for (ServiceProcess service : stack.services()) {
			HttpAnswer.get(service.url() + "/actuator/health");
			PrometheusScrape scrape = PrometheusScrape.of(service.url());
			assertThat(scrape.names()).as(service.name())
				.contains("jvm_memory_used_bytes", "process_uptime_seconds", "http_server_requests_seconds_count");
			assertThat(scrape.named("jvm_memory_used_bytes"))
				.allSatisfy((sample) -> assertThat(sample.labels()).containsEntry("application", service.name()));
		}
	}

	private static void assertTaggedWithApplication(PrometheusScrape scrape, String application) {
		assertThat(scrape.samples()).filteredOn((sample) -> sample.name().startsWith("crypto_"))
			.isNotEmpty()
			.allSatisfy((sample) -> assertThat(sample.labels()).containsEntry("application", application));
	}

	private static JsonNode awaitUp(String url) {
		// a restart of InfluxDB by another test may still be settling: UP within the polling window
		await().atMost(Duration.ofSeconds(60)).until(() -> HttpAnswer.get(url).status() == 200);
		HttpAnswer answer = HttpAnswer.get(url);
		JsonNode json = JSON.readTree(answer.body());
		assertThat(json.path("status").asString()).as(url).isEqualTo("UP");
		return json;
	}

	private static List<String> with(List<String> names, String another) {
		List<String> all = new java.util.ArrayList<>(names);
		all.add(another);
		return all;
	}

}
