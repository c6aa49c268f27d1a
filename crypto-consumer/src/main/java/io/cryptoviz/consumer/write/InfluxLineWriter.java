package io.cryptoviz.consumer.write;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.influxdb.spring.influx.InfluxDB2Properties;
import io.cryptoviz.influx.InfluxProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Writes line protocol to InfluxDB's v1-compatible {@code POST /write}, which 1.x, 2.x (token,
 * the bucket's virtual DBRP mapping) and 3.x all serve, synchronously and in requests of at most
 * {@code batch-size} lines.
 * <p>
 * Failures are sorted by whose fault they are. 400 and 422 mean a line is bad: the request is
 * halved until the bad lines stand alone, and those are reported as rejected while the rest is
 * stored (writing a line again is harmless: same series and time make the same point). 413 halves
 * the request too. Anything else (429, 5xx, I/O errors, an unknown database, refused
 * credentials) is InfluxDB's state, not the data's: {@link InfluxUnavailableException}, so the
 * caller retries.
 */
@Component
public class InfluxLineWriter {

	private final HttpClient http;

	private final URI writeUri;

	private final @Nullable String authorization;

	private final String database;

	private final WriteProperties properties;

	private final RetryAfterHint retryAfterHint;

	private final Timer writeTimer;

	private final MeterRegistry meters;

	InfluxLineWriter(InfluxDB2Properties connection, InfluxProperties influx, WriteProperties properties,
			RetryAfterHint retryAfterHint, MeterRegistry meters) {
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(connection.getConnectTimeout())
			.build();
		this.database = influx.database();
		this.writeUri = URI.create(StringUtils.trimTrailingCharacter(connection.getUrl(), '/') + "/write?db="
				+ encode(influx.database())
				+ ((influx.retentionPolicyOrNull() != null) ? "&rp=" + encode(influx.retentionPolicyOrNull()) : "")
				+ "&precision=ms");
		this.authorization = StringUtils.hasText(connection.getToken()) ? "Token " + connection.getToken() : null;
		this.properties = properties;
		this.retryAfterHint = retryAfterHint;
		this.meters = meters;
		this.writeTimer = Timer.builder("crypto.influx.write")
			.description("Write requests to InfluxDB that succeeded")
			.publishPercentileHistogram()
			.register(meters);
		meters.counter("crypto.points.written");
	}

	/**
	 * Writes every line, in order.
	 * @throws InfluxUnavailableException when InfluxDB cannot take the write now
	 */
	public WriteResult write(List<String> lines) {
		Map<Integer, String> rejected = new HashMap<>();
		int batchSize = this.properties.batchSize();
		for (int from = 0; from < lines.size(); from += batchSize) {
			writeAndSplitOnRejection(lines, from, Math.min(lines.size(), from + batchSize), rejected);
		}
		return new WriteResult(lines.size() - rejected.size(), rejected);
	}

	private void writeAndSplitOnRejection(List<String> lines, int from, int to, Map<Integer, String> rejected) {
		HttpResponse<String> response = post(lines.subList(from, to));
		int status = response.statusCode();
		if (status / 100 == 2) {
			this.meters.counter("crypto.points.written").increment(to - from);
			return;
		}
		if (status == 400 || status == 413 || status == 422) {
			if (to - from == 1) {
				rejected.put(from, "InfluxDB refused the point (HTTP " + status + "): " + errorOf(response));
				return;
			}
			int middle = (from + to) >>> 1;
			writeAndSplitOnRejection(lines, from, middle, rejected);
			writeAndSplitOnRejection(lines, middle, to, rejected);
			return;
		}
		throw unavailable(response);
	}

	private HttpResponse<String> post(List<String> lines) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.writeUri)
			.timeout(this.properties.timeout())
			.header("Content-Type", "text/plain; charset=utf-8")
			.POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines)));
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() / 100 == 2) {
				this.writeTimer.record(Duration.ofNanos(System.nanoTime() - start));
			}
			return response;
		}
		catch (IOException ex) {
			countFailure("io_error");
			throw new InfluxUnavailableException("InfluxDB write to " + this.writeUri.getHost() + ":"
					+ this.writeUri.getPort() + " failed: " + describe(ex), null, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InfluxUnavailableException("InfluxDB write interrupted", null, ex);
		}
	}

	private InfluxUnavailableException unavailable(HttpResponse<String> response) {
		int status = response.statusCode();
		countFailure(String.valueOf(status));
		Duration retryAfter = response.headers()
			.firstValue("Retry-After")
			.map(InfluxLineWriter::seconds)
			.orElse(null);
		if (retryAfter != null) {
			this.retryAfterHint.waitAtLeast(retryAfter);
		}
		String hint = switch (status) {
			case 401, 403 -> " (check influx.token)";
			case 404 -> " (does database '" + this.database + "' exist? see cryptoviz.influx.database)";
			default -> "";
		};
		return new InfluxUnavailableException(
				"InfluxDB answered HTTP " + status + ": " + errorOf(response) + hint, retryAfter, null);
	}

	private void countFailure(String cause) {
		this.meters.counter("crypto.influx.write.failures", "cause", cause).increment();
	}

	private static String errorOf(HttpResponse<String> response) {
		String error = response.headers().firstValue("X-Influxdb-Error").orElse(response.body());
		if (error == null || error.isBlank()) {
			return "(no error text)";
		}
		String oneLine = error.strip().replaceAll("\\s+", " ");
		return (oneLine.length() > 300) ? oneLine.substring(0, 300) + "…" : oneLine;
	}

	private static @Nullable Duration seconds(String value) {
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static String describe(IOException ex) {
		return ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
