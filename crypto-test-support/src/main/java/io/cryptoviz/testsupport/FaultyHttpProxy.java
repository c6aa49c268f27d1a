package io.cryptoviz.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP proxy in front of a server (InfluxDB) that injects faults on demand: answers 500,
 * answers 503 with {@code Retry-After}, drops the connection without an answer, forwards slowly,
 * or forwards at once and answers slowly. Set the fault, let the system under test meet it, set {@link Fault#NONE} again.
 */
public final class FaultyHttpProxy implements AutoCloseable {

	private final HttpServer server;

	private final URI target;

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.NONE);

	private final AtomicInteger faultsInjected = new AtomicInteger();

	private final AtomicInteger forwarded = new AtomicInteger();

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private FaultyHttpProxy(HttpServer server, URI target) {
		this.server = server;
		this.target = target;
	}

	public static FaultyHttpProxy to(String targetUrl) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			FaultyHttpProxy proxy = new FaultyHttpProxy(server, URI.create(targetUrl));
			server.createContext("/", proxy::handle);
			server.setExecutor(proxy.executor);
			server.start();
			return proxy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	public void inject(Fault fault) {
		this.fault.set(fault);
	}

	/** Requests answered with a fault so far. */
	public int faultsInjected() {
		return this.faultsInjected.get();
	}

	/** Requests forwarded to the target so far (slow ones included). */
	public int forwarded() {
		return this.forwarded.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		Fault current = this.fault.get();
		try (exchange) {
			byte[] body = readAll(exchange.getRequestBody());
			switch (current.kind()) {
				case NONE -> forward(exchange, body, Duration.ZERO, Duration.ZERO);
				case SLOW -> forward(exchange, body, current.delay(), Duration.ZERO);
				case SLOW_ANSWER -> forward(exchange, body, Duration.ZERO, current.delay());
				case STATUS -> {
					this.faultsInjected.incrementAndGet();
					if (current.retryAfterSeconds() != null) {
						exchange.getResponseHeaders().add("Retry-After", current.retryAfterSeconds().toString());
					}
					byte[] error = ("{\"error\":\"injected fault " + current.status() + "\"}").getBytes();
					exchange.getResponseHeaders().add("Content-Type", "application/json");
					exchange.sendResponseHeaders(current.status(), error.length);
					exchange.getResponseBody().write(error);
				}
				case RESET -> {
					this.faultsInjected.incrementAndGet();
					// no status line at all: the client sees the connection end mid-exchange
				}
			}
		}
	}

	private void forward(HttpExchange exchange, byte[] body, Duration before, Duration after) throws IOException {
		if (!before.isZero() || !after.isZero()) {
			this.faultsInjected.incrementAndGet();
		}
		if (!pause(before)) {
			return;
		}
		this.forwarded.incrementAndGet();
		URI uri = this.target.resolve(exchange.getRequestURI().getRawPath()
				+ ((exchange.getRequestURI().getRawQuery() != null) ? "?" + exchange.getRequestURI().getRawQuery()
						: ""));
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
		for (String header : List.of("Content-Type", "Authorization", "Accept")) {
			String value = exchange.getRequestHeaders().getFirst(header);
			if (value != null) {
				request.header(header, value);
			}
		}
		try {
			HttpResponse<byte[]> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			if (!pause(after)) {
				return;
			}
			response.headers().map().forEach((name, values) -> {
				if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")
						&& !name.startsWith(":")) {
					values.forEach((value) -> exchange.getResponseHeaders().add(name, value));
				}
			});
			byte[] answer = response.body();
			exchange.sendResponseHeaders(response.statusCode(), (answer.length > 0) ? answer.length : -1);
			if (answer.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(answer);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			exchange.sendResponseHeaders(502, -1);
		}
	}

	private static boolean pause(Duration duration) {
		if (duration.isZero()) {
			return true;
		}
		try {
			Thread.sleep(duration.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		return in.readAllBytes();
	}

	/**
	 * What the proxy does to each request.
	 *
	 * @param kind the kind of fault
	 * @param status the status answered, for {@link Kind#STATUS}
	 * @param retryAfterSeconds the {@code Retry-After} sent with it, if any
	 * @param delay how long a {@link Kind#SLOW} request waits before it is forwarded, or a
	 * {@link Kind#SLOW_ANSWER} answer after the target gave it
	 */
	public record Fault(Kind kind, int status, Integer retryAfterSeconds, Duration delay) {

		public static final Fault NONE = new Fault(Kind.NONE, 0, null, Duration.ZERO);

		public static Fault status(int status) {
			return new Fault(Kind.STATUS, status, null, Duration.ZERO);
		}

		public static Fault status(int status, int retryAfterSeconds) {
			return new Fault(Kind.STATUS, status, retryAfterSeconds, Duration.ZERO);
		}

		public static Fault reset() {
			return new Fault(Kind.RESET, 0, null, Duration.ZERO);
		}

		public static Fault slow(Duration delay) {
			return new Fault(Kind.SLOW, 0, null, delay);
		}

		/** The target does its work at once; its answer comes {@code delay} later. */
		public static Fault slowAnswer(Duration delay) {
			return new Fault(Kind.SLOW_ANSWER, 0, null, delay);
		}

		public enum Kind {

			NONE, STATUS, RESET, SLOW, SLOW_ANSWER

		}

	}

}
