package io.cryptoviz.influx;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.InfluxQLQueryApi;
import com.influxdb.client.domain.InfluxQLQuery;
import com.influxdb.exceptions.InfluxException;
import com.influxdb.query.InfluxQLQueryResult;
import io.cryptoviz.http.RetryAfter;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;

/**
 * The one way CryptoViz speaks to InfluxDB: its v1-compatible HTTP API, which InfluxDB 1.x, 2.x
 * (token, the bucket's DBRP mapping) and 3.x all serve, so one code path runs, and is tested,
 * against all of them. Nothing else builds an InfluxDB URL.
 * <ul>
 * <li>Writes post line protocol to {@code /write}, synchronously, with {@code java.net.http}:
 * influxdb-client-java writes through {@code /api/v2/write}, which InfluxDB lacks before 1.8. A
 * long write goes in requests of {@code batch-size} lines. Failures are sorted by whose fault they
 * are: 400 and 422 mean a line is bad, 413 that the request is too large; the request is halved
 * until the bad lines stand alone, those are reported as rejected and the rest is stored (writing
 * a line again is harmless: same series and time make the same point). Anything else (429, 5xx,
 * I/O errors, an unknown database, refused credentials) is InfluxDB's state, not the data's:
 * {@link InfluxUnavailableException}, with the {@code Retry-After} InfluxDB asked for.</li>
 * <li>Queries run InfluxQL through influxdb-client-java's {@code InfluxQLQueryApi} and return
 * {@link Row}s. Answers are asked for as CSV, because the client's JSON reader fails on the
 * {@code null} cells that ticks without EUR or 24 h change produce. Statements are the callers'
 * (see {@link InfluxQl} for the only ways values get into one). {@link #answer} gives a
 * statement's answer as InfluxDB wrote it (JSON), with the error a CSV answer leaves out.</li>
 * <li>{@link #version()} pings without credentials; {@link #checkRead} and {@link #checkWrite}
 * prove that InfluxDB takes our credentials for the target, for health checks.</li>
 * </ul>
 */
public final class InfluxGateway implements AutoCloseable {

	/**
	 * The client logs a warning for every answer without rows ("Query … already exhausted"): an
	 * empty series, a statement that returns nothing. To us that is an answer, not a warning.
	 * Held here, because the logging framework keeps only weak references to its loggers.
	 */
	private static final Logger EMPTY_ANSWER_WARNINGS = quiet("com.influxdb.internal.AbstractQueryApi");

	private final InfluxProperties properties;

	private final InfluxDBClient client;

	private final boolean ownsClient;

	private final InfluxQLQueryApi queries;

	private final HttpClient http;

	private final @Nullable String authorization;

	private final Clock clock = Clock.systemUTC();

	private final Map<InfluxTarget, URI> writeUris = new ConcurrentHashMap<>();

	/**
	 * A gateway over a client made elsewhere (influxdb-spring's, in the services), which stays
	 * the maker's to close.
	 */
	public InfluxGateway(InfluxProperties properties, InfluxDBClient client) {
		this(properties, client, false);
	}

	private InfluxGateway(InfluxProperties properties, InfluxDBClient client, boolean ownsClient) {
		this.properties = properties;
		this.client = client;
		this.ownsClient = ownsClient;
		this.queries = client.getInfluxQLQueryApi();
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout())
			.build();
		this.authorization = (properties.token() != null) ? "Token " + properties.token() : null;
	}

	/** A gateway with a client of its own, for programs outside Spring; {@link #close()} closes it. */
	public static InfluxGateway connect(InfluxProperties properties) {
		OkHttpClient.Builder http = new OkHttpClient.Builder().protocols(List.of(Protocol.HTTP_1_1))
			.connectTimeout(properties.connectTimeout())
			.readTimeout(properties.readTimeout());
		InfluxDBClientOptions.Builder options = InfluxDBClientOptions.builder()
			.url(properties.url())
			.okHttpClient(http);
		if (properties.token() != null) {
			options.authenticateToken(properties.token().toCharArray());
		}
		return new InfluxGateway(properties, InfluxDBClientFactory.create(options.build()), true);
	}

	/** Where writes and queries go unless told otherwise: {@code influx.database} and its retention policy. */
	public InfluxTarget target() {
		return this.properties.target();
	}

	/** Writes every line to the default target; see {@link #write(InfluxTarget, List, WriteListener)}. */
	public WriteResult write(List<String> lines) {
		return write(target(), lines, WriteListener.NONE);
	}

	/**
	 * Writes every line (line protocol, millisecond timestamps), in order, in requests of at most
	 * {@code batch-size} lines, and returns once InfluxDB has stored all of them but the rejected.
	 * @throws InfluxUnavailableException when InfluxDB cannot take the write now; some requests
	 * may be stored already, which is harmless when the write is retried
	 */
	public WriteResult write(InfluxTarget target, List<String> lines, WriteListener listener) {
		URI uri = this.writeUris.computeIfAbsent(target, this::writeUri);
		Map<Integer, String> rejected = new HashMap<>();
		int batchSize = this.properties.batchSize();
		for (int from = 0; from < lines.size(); from += batchSize) {
			writeSplittingOnRejection(uri, target, lines, from, Math.min(lines.size(), from + batchSize), rejected,
					listener);
		}
		return new WriteResult(lines.size() - rejected.size(), rejected);
	}

	private void writeSplittingOnRejection(URI uri, InfluxTarget target, List<String> lines, int from, int to,
			Map<Integer, String> rejected, WriteListener listener) {
		long start = System.nanoTime();
		HttpResponse<String> response = post(uri, String.join("\n", lines.subList(from, to)), listener);
		int status = response.statusCode();
		if (status / 100 == 2) {
			listener.stored(to - from, Duration.ofNanos(System.nanoTime() - start));
			return;
		}
		if (status == 400 || status == 413 || status == 422) {
			if (to - from == 1) {
				rejected.put(from, "InfluxDB refused the point (HTTP " + status + "): " + errorOf(response));
				return;
			}
			int middle = (from + to) >>> 1;
			writeSplittingOnRejection(uri, target, lines, from, middle, rejected, listener);
			writeSplittingOnRejection(uri, target, lines, middle, to, rejected, listener);
			return;
		}
		throw unavailable(answered(status, errorOf(response), target), status,
				RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), this.clock), null,
				listener);
	}

	private HttpResponse<String> post(URI uri, String body, WriteListener listener) {
		return post(uri, "text/plain; charset=utf-8", body, "write", listener);
	}

	private HttpResponse<String> post(URI uri, String contentType, String body, String what, WriteListener listener) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(this.properties.readTimeout())
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (this.authorization != null) {
			request.header("Authorization", this.authorization);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			String why = (ex instanceof ConnectException) ? "connection refused"
					: ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
			throw unavailable("InfluxDB " + what + " to " + uri.getHost() + ":" + uri.getPort() + " failed: " + why, 0,
					Optional.empty(), ex, listener);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InfluxUnavailableException("InfluxDB " + what + " interrupted", 0, null, ex);
		}
	}

	/**
	 * The rows of one InfluxQL statement against the default target, series after series.
	 * @throws InfluxUnavailableException when InfluxDB cannot be reached, refuses the statement or
	 * answers something unreadable
	 */
	public List<Row> query(String influxQl) {
		return query(target(), influxQl);
	}

	/** The rows of one InfluxQL statement against the target; see {@link #query(String)}. */
	public List<Row> query(InfluxTarget target, String influxQl) {
		InfluxQLQuery query = new InfluxQLQuery(influxQl, target.database(), InfluxQLQuery.AcceptHeader.CSV)
			.setPrecision(InfluxQLQuery.InfluxQLPrecision.MILLISECONDS)
			.setRetentionPolicy(target.retentionPolicy());
		InfluxQLQueryResult result;
		try {
			result = this.queries.query(query);
		}
		catch (InfluxException ex) {
			String message = (ex.status() > 0) ? answered(ex.status(), String.valueOf(ex.getMessage()), target)
					: "InfluxDB did not answer: " + ex.getMessage();
			throw unavailable(message, ex.status(), RetryAfter.parse(header(ex, "Retry-After"), this.clock), ex,
					WriteListener.NONE);
		}
		catch (RuntimeException ex) {
			// an answer the client could not parse, such as an error body in place of CSV
			throw new InfluxUnavailableException("InfluxDB's answer could not be read: " + ex, 0, null, ex);
		}
		return rows(result);
	}

	/**
	 * InfluxDB's answer to one InfluxQL statement as it wrote it: the HTTP status and the JSON body,
	 * with the statement's error when it failed. {@link #query} cannot tell that error from an empty
	 * answer (InfluxDB leaves it out of CSV, and the client's readers skip it); this is for what must
	 * say why: the health check, and tests of the answer itself.
	 * @throws InfluxUnavailableException when InfluxDB does not answer
	 */
	public InfluxAnswer answer(InfluxTarget target, String influxQl) {
		String form = "db=" + encode(target.database())
				+ ((target.retentionPolicy() != null) ? "&rp=" + encode(target.retentionPolicy()) : "")
				+ "&epoch=ms&q=" + encode(influxQl);
		HttpResponse<String> response = post(URI.create(this.properties.url() + "/query"),
				"application/x-www-form-urlencoded", form, "query", WriteListener.NONE);
		return new InfluxAnswer(response.statusCode(), response.body());
	}

	/**
	 * InfluxDB's version, from {@code /ping}, which answers without credentials.
	 * @throws InfluxUnavailableException when InfluxDB does not answer
	 */
	public String version() {
		try {
			String version = this.client.version();
			return (version.startsWith("v")) ? version.substring(1) : version;
		}
		catch (InfluxException ex) {
			Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
			String message = (ex.status() > 0)
					? "InfluxDB at " + where() + " answered /ping with HTTP " + ex.status() + hint(ex.status(), target())
					: "Cannot reach InfluxDB at " + where() + ": "
							+ ((cause instanceof ConnectException) ? "connection refused" : cause.toString());
			throw new InfluxUnavailableException(message, ex.status(), null, ex);
		}
	}

	/** Scheme, host and port of InfluxDB's URL: what a message may say of it (a URL may hold a password). */
	private String where() {
		URI url = URI.create(this.properties.url());
		return url.getScheme() + "://" + url.getHost() + ((url.getPort() >= 0) ? ":" + url.getPort() : "");
	}

	/**
	 * Proves that our credentials may read the target and that it exists, with a query.
	 * @throws InfluxUnavailableException saying what is wrong
	 */
	public void checkRead(InfluxTarget target) {
		InfluxAnswer answer = answer(target, "SHOW RETENTION POLICIES");
		if (answer.status() / 100 != 2) {
			throw new InfluxUnavailableException(answered(answer.status(), errorOf(answer), target),
					answer.status(), null, null);
		}
		String error = answer.error();
		if (error != null) {
			// InfluxDB answers 200 and says in the statement's error that the database is missing
			throw new InfluxUnavailableException(error.startsWith("database not found")
					? "database " + target + " not found" + hint(404, target) : "InfluxDB refused to read " + target + ": "
							+ error, 404, null, null);
		}
		if (target.retentionPolicy() != null && !answer.firstColumn("name").contains(target.retentionPolicy())) {
			throw new InfluxUnavailableException("retention policy not found: " + target, 404, null, null);
		}
	}

	/**
	 * Proves that our credentials may write the target and that it exists, with a write of no
	 * points (which stores nothing).
	 * @throws InfluxUnavailableException saying what is wrong
	 */
	public void checkWrite(InfluxTarget target) {
		HttpResponse<String> response = post(this.writeUris.computeIfAbsent(target, this::writeUri), "",
				WriteListener.NONE);
		if (response.statusCode() / 100 != 2) {
			throw new InfluxUnavailableException(answered(response.statusCode(), errorOf(response), target),
					response.statusCode(), null, null);
		}
	}

	@Override
	public void close() {
		if (this.ownsClient) {
			this.client.close();
		}
	}

	private URI writeUri(InfluxTarget target) {
		return URI.create(this.properties.url() + "/write?db=" + encode(target.database())
				+ ((target.retentionPolicy() != null) ? "&rp=" + encode(target.retentionPolicy()) : "")
				+ "&precision=ms");
	}

	private static String answered(int status, String error, InfluxTarget target) {
		return "InfluxDB answered HTTP " + status + ": " + error + hint(status, target);
	}

	private static String hint(int status, InfluxTarget target) {
		return switch (status) {
			case 401, 403 -> " (check the token: influx.token, INFLUX_TOKEN)";
			case 404 -> " (does database " + target + " exist? see influx.database)";
			default -> "";
		};
	}

	private static InfluxUnavailableException unavailable(String message, int status, Optional<Duration> retryAfter,
			@Nullable Throwable cause, WriteListener listener) {
		InfluxUnavailableException failure = new InfluxUnavailableException(message, status, retryAfter.orElse(null),
				cause);
		listener.unavailable(failure);
		return failure;
	}

	private static List<Row> rows(@Nullable InfluxQLQueryResult result) {
		List<Row> rows = new ArrayList<>();
		if (result == null) {
			return rows;
		}
		for (InfluxQLQueryResult.Result statement : result.getResults()) {
			for (InfluxQLQueryResult.Series series : statement.getSeries()) {
				Map<String, String> tags = (series.getTags() != null) ? series.getTags() : Map.of();
				Map<String, Integer> columns = series.getColumns();
				for (InfluxQLQueryResult.Series.Record record : series.getValues()) {
					Object[] cells = record.getValues();
					Map<String, @Nullable String> values = new HashMap<>();
					columns.forEach((column, index) -> values.put(column,
							(cells[index] != null) ? cells[index].toString() : null));
					rows.add(new Row(tags, values));
				}
			}
		}
		return rows;
	}

	/** InfluxDB's one-line reason: its error header, or the error of its JSON body, or the body. */
	private static String errorOf(HttpResponse<String> response) {
		return oneLine(response.headers()
			.firstValue("X-Influxdb-Error")
			.orElseGet(() -> errorOf(new InfluxAnswer(response.statusCode(), response.body()))));
	}

	private static String errorOf(InfluxAnswer answer) {
		String error = answer.error();
		return oneLine((error != null) ? error : answer.body());
	}

	private static String oneLine(@Nullable String error) {
		if (error == null || error.isBlank()) {
			return "(no error text)";
		}
		String oneLine = error.strip().replaceAll("\\s+", " ");
		return (oneLine.length() > 300) ? oneLine.substring(0, 300) + "…" : oneLine;
	}

	private static @Nullable String header(InfluxException ex, String name) {
		return ex.headers()
			.entrySet()
			.stream()
			.filter((header) -> header.getKey().equalsIgnoreCase(name))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
	}

	private static Logger quiet(String name) {
		Logger logger = Logger.getLogger(name);
		logger.setLevel(Level.SEVERE);
		return logger;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
