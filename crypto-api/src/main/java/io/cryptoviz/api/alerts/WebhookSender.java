package io.cryptoviz.api.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * POSTs an alert to a webhook: the alert's JSON as the body, its id as the idempotency key, and an
 * HMAC-SHA256 of the body with the configured secret, as GitHub signs its webhooks. Redirects are not
 * followed: a redirect could lead where the address check would not let a webhook go.
 */
final class WebhookSender {

	static final String SIGNATURE = "X-CryptoViz-Signature-256";

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	static final String ALERT_ID = "X-CryptoViz-Alert-Id";

	static final String ATTEMPT = "X-CryptoViz-Delivery-Attempt";

	private final HttpClient http;

	private final Duration timeout;

	private final @Nullable String secret;

	WebhookSender(AlertProperties.Webhook settings) {
		this.timeout = settings.timeout();
		this.secret = settings.signs() ? settings.secret() : null;
		this.http = HttpClient.newBuilder()
			.connectTimeout(settings.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * @return the HTTP status the webhook answered
	 * @throws IOException when it could not be reached or did not answer in time
	 */
	int send(String url, String alertId, String body, int attempt) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.timeout(this.timeout)
			.header("Content-Type", "application/json")
			.header("User-Agent", "CryptoViz-Alerts")
			.header(IDEMPOTENCY_KEY, alertId)
			.header(ALERT_ID, alertId)
			.header(ATTEMPT, String.valueOf(attempt))
			.POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
		if (this.secret != null) {
			request.header(SIGNATURE, "sha256=" + sign(this.secret, bytes));
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

	/** Lower-case hex of HMAC-SHA256(secret, body). */
	static String sign(String secret, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
