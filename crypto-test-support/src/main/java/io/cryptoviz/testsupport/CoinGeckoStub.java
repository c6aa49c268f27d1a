package io.cryptoviz.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local stand-in for CoinGecko's API on a free loopback port. Each path answers its queued
 * responses in order and then keeps answering the last one; paths without answers get 404.
 * Every request is recorded so a test can check what the client sent.
 * <p>
 * Registered as a JUnit extension ({@code @RegisterExtension static final CoinGeckoStub stub =
 * CoinGeckoStub.start();}) it forgets its answers and requests before each test and stops after
 * the class.
 */
public final class CoinGeckoStub implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

	private static final String API_PREFIX = "/api/v3";

	static {
		// without it, each answer waits some 40 ms for the client's delayed acknowledgement; a month of polls
		// on a test's clock is thousands of requests. Read when the JDK's server first starts.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	private final HttpServer server;

	private final Map<String, Deque<Function<RecordedRequest, StubResponse>>> answers = new ConcurrentHashMap<>();

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private volatile int maxUrlLength = Integer.MAX_VALUE;

	private CoinGeckoStub(HttpServer server) {
		this.server = server;
	}

	public static CoinGeckoStub start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			CoinGeckoStub stub = new CoinGeckoStub(server);
			server.createContext("/", stub::handle);
			server.setExecutor(Executors.newCachedThreadPool());
			server.start();
			return stub;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The base URL to configure the client with, e.g. {@code http://127.0.0.1:41234/api/v3}. */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + API_PREFIX;
	}

	/**
	 * The environment of a producer process that talks to this stub: its base URL, and per-minute limits
	 * a stub does not have, so the call budget paces nothing a test waits for. The plans' monthly credits
	 * and data refresh stay CoinGecko's.
	 */
	public Map<String, String> producerEnvironment() {
		return Map.of("CRYPTOVIZ_COINGECKO_BASE_URL", baseUrl(), "CRYPTOVIZ_COINGECKO_PLANS_KEYLESS_CALLSPERMINUTE",
				"6000", "CRYPTOVIZ_COINGECKO_PLANS_DEMO_CALLSPERMINUTE", "6000",
				"CRYPTOVIZ_COINGECKO_PLANS_PRO_CALLSPERMINUTE", "6000");
	}

	/**
	 * Answers requests whose path (after {@code /api/v3}) starts with {@code path} with these
	 * responses in turn, the last one from then on. Replaces earlier answers of that path.
	 */
	public CoinGeckoStub willAnswer(String path, StubResponse... responses) {
		Deque<Function<RecordedRequest, StubResponse>> queue = new ArrayDeque<>();
		for (StubResponse response : responses) {
			queue.add((request) -> response);
		}
		this.answers.put(path, queue);
		return this;
	}

	/** Answers requests of {@code path} with whatever the function makes of each request. */
	public CoinGeckoStub willAnswer(String path, Function<RecordedRequest, StubResponse> answer) {
		Deque<Function<RecordedRequest, StubResponse>> queue = new ArrayDeque<>();
		queue.add(answer);
		this.answers.put(path, queue);
		return this;
	}

	/**
	 * Answers 414 to a request whose URL ({@code http://127.0.0.1:port/api/v3/...?...}, as the client wrote
	 * it) is longer than this, as CoinGecko does to a URL it finds too long. Until {@link #reset()}.
	 */
	public CoinGeckoStub refusingUrlsLongerThan(int length) {
		this.maxUrlLength = length;
		return this;
	}

	public List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	public List<RecordedRequest> requests(String path) {
		return this.requests.stream().filter((request) -> request.path().startsWith(path)).toList();
	}

	public void reset() {
		this.answers.clear();
		this.requests.clear();
		this.maxUrlLength = Integer.MAX_VALUE;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		reset();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String fullPath = exchange.getRequestURI().getPath();
		String path = fullPath.startsWith(API_PREFIX) ? fullPath.substring(API_PREFIX.length()) : fullPath;
		RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(), path,
				exchange.getRequestURI().getRawQuery(), flatten(exchange), java.time.Instant.now());
		this.requests.add(request);
		StubResponse response = (request.url(baseUrl()).length() > this.maxUrlLength)
				? StubResponse.status(414, "<html><body><h1>414 Request-URI Too Large</h1></body></html>")
				: answerFor(request);
		try (exchange) {
			if (!response.delay().isZero()) {
				Thread.sleep(response.delay().toMillis());
			}
			byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
			response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
			exchange.sendResponseHeaders(response.status(), (body.length > 0) ? body.length : -1);
			if (body.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (IOException ex) {
			// the client gave up (a timeout under test): nothing left to answer
		}
	}

	private StubResponse answerFor(RecordedRequest request) {
		for (Map.Entry<String, Deque<Function<RecordedRequest, StubResponse>>> entry : this.answers.entrySet()) {
			if (request.path().startsWith(entry.getKey())) {
				Deque<Function<RecordedRequest, StubResponse>> queue = entry.getValue();
				synchronized (queue) {
					Function<RecordedRequest, StubResponse> answer = (queue.size() > 1) ? queue.poll() : queue.peek();
					return answer.apply(request);
				}
			}
		}
		return StubResponse.status(404, "{\"error\":\"Not Found\"}");
	}

	private static Map<String, String> flatten(HttpExchange exchange) {
		Map<String, String> headers = new ConcurrentHashMap<>();
		exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
		return headers;
	}

	/**
	 * A request the stub received.
	 *
	 * @param method HTTP method
	 * @param path path after {@code /api/v3}
	 * @param query raw query string, or {@code null}
	 * @param headers headers, names in lower case
	 * @param receivedAt when the stub received it
	 */
	public record RecordedRequest(String method, String path, String query, Map<String, String> headers,
			java.time.Instant receivedAt) {

		/** The URL as the client wrote it, on a stub at {@code baseUrl}. */
		public String url(String baseUrl) {
			return baseUrl + this.path + ((this.query != null) ? "?" + this.query : "");
		}

		public String queryParameter(String name) {
			if (this.query == null) {
				return null;
			}
			for (String pair : this.query.split("&")) {
				int eq = pair.indexOf('=');
				if (eq > 0 && pair.substring(0, eq).equals(name)) {
					return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
				}
			}
			return null;
		}

	}

}
