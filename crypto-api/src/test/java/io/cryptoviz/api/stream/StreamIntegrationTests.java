package io.cryptoviz.api.stream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.cryptoviz.api.ApiIntegrationTests;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.utils.ContainerTestUtils;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The live stream end to end: ticks published to a real Kafka broker, read as Server-Sent Events. */
class StreamIntegrationTests extends ApiIntegrationTests {

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@Autowired
	private TickBroadcaster broadcaster;

	@Test
	void streamsNewTicksOfTheAskedCoinsAndGoesOnPastPoisonRecords() throws Exception {
		// the API knows solana once a tick of it is streamed, whatever other test classes left on the broker
		awaitListenerAssigned();
		publish(List.of(entry("solana", ("{\"crypto\":\"solana\",\"price_usd\":140.0,"
				+ "\"timestamp\":\"2025-12-31T00:00:00Z\",\"source\":\"coingecko\"}").getBytes(StandardCharsets.UTF_8))));
		await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/coins/solana/latest").status() == 200);

		try (EventStream stream = EventStream.open(this, "/api/v1/stream?coins=solana")) {
			assertThat(stream.nextLine(Duration.ofSeconds(10))).isEqualTo("retry:3000");
			awaitListenerAssigned();

			publish(List.of(entry("solana", "definitely not json".getBytes(StandardCharsets.UTF_8)),
					entry("solana", ("{\"crypto\":\"solana\",\"price_usd\":-1,\"timestamp\":\"2025-10-31T12:00:00Z\","
							+ "\"source\":\"coingecko\"}").getBytes(StandardCharsets.UTF_8)),
					entry("cardano", tickJson("cardano", "0.66", "coingecko")),
					entry("solana", tickJson("solana", "150.5", "backfill")),
					entry("solana", tickJson("solana", "187.25", "coingecko"))));

			JsonNode tick = stream.nextTick(Duration.ofSeconds(30));
			assertThat(tick.get("crypto").asString()).isEqualTo("solana");
			assertThat(tick.get("price_usd").asDouble()).isEqualTo(187.25);
			assertThat(tick.get("price_eur").isNull()).isTrue();
			assertThat(tick.get("timestamp").asString()).isEqualTo("2026-01-01T00:00:00Z");
			assertThat(tick.get("source").asString()).isEqualTo("coingecko");
		}
	}

	@Test
	void theStreamsConsumerGroupCommitsNothing() throws Exception {
		awaitListenerAssigned();
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.kafka.getBrokersAsString()))) {
			List<String> groups = new ArrayList<>();
			for (GroupListing group : admin.listGroups().all().get(10, TimeUnit.SECONDS)) {
				// the stream's groups, crypto-api-<random id>; the alerts' shared groups do commit
				if (group.groupId().matches("crypto-api-[0-9a-f]{8}-[0-9a-f-]{27}")) {
					groups.add(group.groupId());
				}
			}
			// this instance's, and those of instances other tests started and stopped on this broker
			assertThat(groups).contains(this.listeners.getListenerContainer(TickStreamListener.ID).getGroupId());
			for (String group : groups) {
				assertThat(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
					.get(10, TimeUnit.SECONDS)).as(group).isEmpty();
			}
		}
	}

	@Test
	void refusesClientsBeyondTheLimitAndFreesTheSlotOfOneThatLeft() throws Exception {
		// A client that left during an earlier test is counted until a heartbeat finds it gone; counted
		// among the four, it would leave a free slot for the request that must be refused.
		await().atMost(Duration.ofSeconds(20)).until(() -> this.broadcaster.clients() == 0);
		List<EventStream> streams = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				EventStream stream = EventStream.open(this, "/api/v1/stream");
				streams.add(stream);
				stream.nextLine(Duration.ofSeconds(10));
			}
			assertThat(this.broadcaster.clients()).isEqualTo(4);
			Answer refused = get("/api/v1/stream");

			assertThat(refused.status()).isEqualTo(503);
			assertThat(refused.contentType()).isEqualTo("application/problem+json");
			assertThat(refused.retryAfter()).isEqualTo("30");
			assertThat(refused.json().get("type").asString()).isEqualTo("urn:cryptoviz:problem:stream-full");

			streams.remove(0).close();
			await().atMost(Duration.ofSeconds(20)).until(() -> this.broadcaster.clients() < 4);
			EventStream again = EventStream.open(this, "/api/v1/stream");
			streams.add(again);
			assertThat(again.status()).isEqualTo(200);
		}
		finally {
			for (EventStream stream : streams) {
				stream.close();
			}
		}
	}

	private void awaitListenerAssigned() {
		ContainerTestUtils.waitForAssignment(this.listeners.getListenerContainer(TickStreamListener.ID), 3);
	}

	private static byte[] tickJson(String coin, String usd, String source) {
		return ("{\"crypto\":\"" + coin + "\",\"price_usd\":" + usd + ",\"timestamp\":\"2026-01-01T00:00:00Z\","
				+ "\"source\":\"" + source + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

	/** A Server-Sent Events connection, read line by line on a thread of its own. */
	static final class EventStream implements AutoCloseable {

		private final HttpResponse<InputStream> response;

		private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

		private EventStream(HttpResponse<InputStream> response) {
			this.response = response;
			Thread reader = new Thread(this::read, "sse-test-reader");
			reader.setDaemon(true);
			reader.start();
		}

		static EventStream open(ApiIntegrationTests test, String path) throws Exception {
			HttpRequest request = HttpRequest.newBuilder(URI.create(test.url(path)))
				.header("Accept", "text/event-stream")
				.GET()
				.build();
			return new EventStream(http().send(request, HttpResponse.BodyHandlers.ofInputStream()));
		}

		int status() {
			return this.response.statusCode();
		}

		/** The next line that is not blank, a comment or a heartbeat. */
		String nextLine(Duration timeout) throws InterruptedException {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (System.nanoTime() < deadline) {
				String line = this.lines.poll(100, TimeUnit.MILLISECONDS);
				if (line != null && !line.isBlank() && !line.startsWith(":")) {
					return line;
				}
			}
			throw new AssertionError("No line within " + timeout);
		}

		/** The data of the next {@code tick} event. */
		JsonNode nextTick(Duration timeout) throws InterruptedException {
			long deadline = System.nanoTime() + timeout.toNanos();
			String event = null;
			while (System.nanoTime() < deadline) {
				String line = nextLine(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
				if (line.startsWith("event:")) {
					event = line.substring("event:".length());
				}
				else if (line.startsWith("data:") && "tick".equals(event)) {
					return JSON.readTree(line.substring("data:".length()));
				}
			}
			throw new AssertionError("No tick within " + timeout);
		}

		private void read() {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(this.response.body(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					this.lines.add(line);
				}
			}
			catch (IOException ex) {
				// closed by the test
			}
		}

		@Override
		public void close() {
			try {
				this.response.body().close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
