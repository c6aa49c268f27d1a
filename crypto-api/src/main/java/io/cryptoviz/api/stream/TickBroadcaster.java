package io.cryptoviz.api.stream;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.cryptoviz.api.ApiProperties;
import io.cryptoviz.api.latest.LatestPrice;
import io.cryptoviz.api.problem.ServiceFullException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes ticks to the stream's clients. Each client has a small queue drained by a shared pool,
 * so a slow client never holds up the Kafka listener or the other clients; one that falls
 * further behind than its queue is disconnected (browsers reconnect by themselves). A comment
 * line every {@code heartbeat} keeps idle connections open through proxies and finds clients
 * that went away, which frees their slot.
 */
@Component
class TickBroadcaster implements SmartLifecycle, LiveEvents {

	private static final Logger log = LoggerFactory.getLogger(TickBroadcaster.class);

	/** What a browser waits before reconnecting after the stream ends. */
	private static final Duration RECONNECT_DELAY = Duration.ofSeconds(3);

	private static final Object HEARTBEAT = new Object();

	private final ApiProperties.Stream settings;

	private final Set<Client> clients = ConcurrentHashMap.newKeySet();

	private final AtomicInteger connected = new AtomicInteger();

	private final Counter refused;

	private final Counter dropped;

	// made on start, ended on stop: a context can be stopped and started again (tests pause them)
	private volatile ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, threads());

	private volatile boolean running;

	TickBroadcaster(ApiProperties properties, MeterRegistry meters) {
		this.settings = properties.stream();
		Gauge.builder("crypto.api.stream.clients", this.connected, AtomicInteger::get)
			.description("Live stream clients connected")
			.register(meters);
		this.refused = Counter.builder("crypto.api.stream.refused")
			.description("Live stream clients refused because every slot was taken")
			.register(meters);
		this.dropped = Counter.builder("crypto.api.stream.dropped")
			.description("Live stream clients disconnected for falling too far behind")
			.register(meters);
	}

	/**
	 * A new stream of the ticks of these coins.
	 * @param coins the coins, or {@code null} for every coin, those that appear later too
	 * @throws ServiceFullException when {@code max-clients} streams are open already
	 */
	SseEmitter subscribe(@Nullable Set<String> coins) {
		if (this.connected.incrementAndGet() > this.settings.maxClients()) {
			this.connected.decrementAndGet();
			this.refused.increment();
			throw new ServiceFullException("All " + this.settings.maxClients()
					+ " live stream slots are taken; try again later.", RECONNECT_DELAY.multipliedBy(10));
		}
		SseEmitter emitter = new SseEmitter(this.settings.timeout().toMillis());
		Client client = new Client(emitter, (coins != null) ? Set.copyOf(coins) : null, this.settings.clientBuffer());
		this.clients.add(client);
		emitter.onCompletion(() -> remove(client));
		emitter.onTimeout(emitter::complete);
		emitter.onError((ex) -> remove(client));
		try {
			// sent at once, so the client knows it is connected before the first tick
			emitter.send(SseEmitter.event().reconnectTime(RECONNECT_DELAY.toMillis()).comment("connected"));
		}
		catch (IOException ex) {
			remove(client);
		}
		return emitter;
	}

	/** Queues the tick for every client that wants its coin. */
	void publish(LatestPrice tick) {
		for (Client client : this.clients) {
			if (client.wants(tick.crypto())) {
				offer(client, tick);
			}
		}
	}

	@Override
	public void publish(String name, String coin, Object data) {
		NamedEvent event = new NamedEvent(name, data);
		for (Client client : this.clients) {
			if (client.wants(coin)) {
				offer(client, event);
			}
		}
	}

	/** How many clients are connected. */
	int clients() {
		return this.connected.get();
	}

	void heartbeat() {
		for (Client client : this.clients) {
			offer(client, HEARTBEAT);
		}
	}

	private void offer(Client client, Object message) {
		if (!client.pending().offer(message)) {
			log.info("Disconnecting a live stream client that is {} messages behind", this.settings.clientBuffer());
			this.dropped.increment();
			client.emitter().complete();
			remove(client);
			return;
		}
		if (client.draining().compareAndSet(false, true)) {
			try {
				this.executor.execute(() -> drain(client));
			}
			catch (RejectedExecutionException ex) {
				// shutting down: the client is closed with the others
				client.draining().set(false);
			}
		}
	}

	private void drain(Client client) {
		try {
			Object message;
			while ((message = client.pending().poll()) != null) {
				if (message == HEARTBEAT) {
					client.emitter().send(SseEmitter.event().comment("heartbeat"));
				}
				else if (message instanceof NamedEvent event) {
					client.emitter().send(SseEmitter.event().name(event.name()).data(event.data(), MediaType.APPLICATION_JSON));
				}
				else {
					client.emitter().send(SseEmitter.event().name("tick").data(message, MediaType.APPLICATION_JSON));
				}
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client went away (or its stream ended): forget it
			remove(client);
			return;
		}
		finally {
			client.draining().set(false);
		}
		if (!client.pending().isEmpty() && this.clients.contains(client)
				&& client.draining().compareAndSet(false, true)) {
			this.executor.execute(() -> drain(client));
		}
	}

	private void remove(Client client) {
		if (this.clients.remove(client)) {
			this.connected.decrementAndGet();
		}
	}

	@Override
	public void start() {
		if (this.executor.isShutdown()) {
			this.executor = Executors.newScheduledThreadPool(2, threads());
		}
		long period = this.settings.heartbeat().toMillis();
		this.executor.scheduleAtFixedRate(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
		this.running = true;
	}

	/** Ends every stream first, so that graceful shutdown does not wait for them. */
	@Override
	public void stop() {
		this.running = false;
		for (Client client : this.clients) {
			client.emitter().complete();
			remove(client);
		}
		this.executor.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private static ThreadFactory threads() {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, "stream-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	private record NamedEvent(String name, Object data) {
	}

	private record Client(SseEmitter emitter, @Nullable Set<String> coins, BlockingQueue<Object> pending,
			AtomicBoolean draining) {

		Client(SseEmitter emitter, @Nullable Set<String> coins, int buffer) {
			this(emitter, coins, new ArrayBlockingQueue<>(buffer), new AtomicBoolean());
		}

		boolean wants(String coin) {
			return this.coins == null || this.coins.contains(coin);
		}

		// identity, not the record's value equality: two clients of the same coins are two clients
		@Override
		public boolean equals(Object other) {
			return this == other;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this);
		}

	}

}
