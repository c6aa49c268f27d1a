package io.cryptoviz.e2e.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Each check of a slow test class, in words, with its outcome and time, for the report CI prints
 * (Maven's console names only the class).
 */
final class CheckReport implements BeforeTestExecutionCallback, TestWatcher {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(CheckReport.class);

	private static final Map<String, String> NAMES = Map.of("influx db", "InfluxDB", "api", "API", "jvm", "JVM",
			"check env", "check-env", "a bad env", "a bad .env");

	private final List<String> lines = new ArrayList<>();

	@Override
	public void beforeTestExecution(ExtensionContext context) {
		context.getStore(NAMESPACE).put("start", System.nanoTime());
	}

	@Override
	public void testSuccessful(ExtensionContext context) {
		add(context, "passed ");
	}

	@Override
	public void testFailed(ExtensionContext context, Throwable cause) {
		add(context, "FAILED ");
	}

	@Override
	public void testAborted(ExtensionContext context, Throwable cause) {
		add(context, "aborted");
	}

	@Override
	public void testDisabled(ExtensionContext context, Optional<String> reason) {
		add(context, "skipped");
	}

	private synchronized void add(ExtensionContext context, String outcome) {
		Long start = context.getStore(NAMESPACE).get("start", Long.class);
		String took = (start != null) ? String.format(Locale.ROOT, "%6.1f s", (System.nanoTime() - start) / 1e9) : "       ";
		this.lines.add(outcome + took + "  " + words(context.getRequiredTestMethod().getName()));
	}

	synchronized String report() {
		StringBuilder report = new StringBuilder();
		this.lines.forEach((line) -> report.append("  ").append(line).append('\n'));
		return report.toString();
	}

	/**
	 * {@code everyProcessRunsAsANonRootUser} → "every process runs as a non root user", with the
	 * names a method name cannot spell as they are written.
	 */
	static String words(String methodName) {
		String words = methodName.replaceAll("([a-z0-9])([A-Z])", "$1 $2")
			.replaceAll("([A-Z])([A-Z][a-z])", "$1 $2")
			.toLowerCase(Locale.ROOT);
		for (Map.Entry<String, String> name : NAMES.entrySet()) {
			words = words.replaceAll("\\b" + name.getKey() + "\\b", name.getValue());
		}
		return words;
	}

}
