package io.cryptoviz.api.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook on this machine's loopback: it records every request and answers each with the next status
 * of its script (the last one for ever after).
 */
final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final Deque<Integer> script;

	private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

	private WebhookReceiver(Integer... statuses) {
		this.script = new ArrayDeque<>(List.of(statuses));
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
			this.deliveries.add(new Delivery(exchange.getRequestURI().getPath(), header(headers, "Idempotency-Key"),
					header(headers, "X-CryptoViz-Signature-256"), header(headers, "X-CryptoViz-Delivery-Attempt"),
					header(headers, "Content-Type"), body));
			int status;
			synchronized (this.script) {
				status = (this.script.size() > 1) ? this.script.poll() : this.script.peek();
			}
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		this.server.start();
	}

	/** Answers with these statuses, in turn, the last one for ever. */
	static WebhookReceiver answering(Integer... statuses) {
		return new WebhookReceiver(statuses);
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	List<Delivery> deliveries() {
		return List.copyOf(this.deliveries);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private static String header(Map<String, List<String>> headers, String name) {
		for (Map.Entry<String, List<String>> header : headers.entrySet()) {
			if (header.getKey().equalsIgnoreCase(name)) {
				return header.getValue().get(0);
			}
		}
		return null;
	}

	record Delivery(String path, String idempotencyKey, String signature, String attempt, String contentType,
			String body) {
	}

}
