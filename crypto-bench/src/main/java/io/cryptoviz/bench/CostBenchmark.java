package io.cryptoviz.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cryptoviz.devstack.ServiceProcess;

/**
 * What each service costs to start, with the JVM settings it had before it had its own and with
 * those it runs with now: the time from launching its JVM to Spring's "Started … in" line and to its
 * readiness probe answering UP, and its resident memory then and a little later. The two settings
 * alternate within a run (which goes first swaps from run to run), so both see the same machine.
 */
final class CostBenchmark {

	static final List<String> SERVICES = List.of("crypto-producer", "crypto-consumer", "crypto-api");

	private static final Pattern STARTED = Pattern
		.compile("Started \\S+ in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

	private CostBenchmark() {
	}

	/**
	 * @param run the run's number: odd runs start the old settings first, even runs the new
	 * @param settle how long after readiness the resident memory is read a second time
	 */
	static List<Result> run(BenchEnvironment env, int run, Duration settle) {
		// the consumer is ready once it may write the ticks' and the rollups' databases
		env.influx.createDatabases();
		List<Settings> order = (run % 2 == 1) ? List.of(Settings.OLD, Settings.NEW) : List.of(Settings.NEW, Settings.OLD);
		List<Result> results = new ArrayList<>();
		for (String service : SERVICES) {
			for (Settings settings : order) {
				results.add(measure(env, service, settings, settle));
			}
		}
		return results;
	}

	private static Result measure(BenchEnvironment env, String service, Settings settings, Duration settle) {
		Map<String, String> environment = service.equals("crypto-producer")
				? Map.of("CRYPTOVIZ_PRODUCER_SOURCE", "simulated") : Map.of();
		long start = System.nanoTime();
		ServiceProcess process;
		try {
			process = (settings == Settings.NEW) ? env.startAsDeployed(service, environment)
					: env.start(service, environment);
		}
		catch (IllegalStateException ex) {
			// not ready within the launcher's two minutes (a machine that busy): a row without figures,
			// and the runs go on
			System.err.println(service + " (" + settings.label + "): " + ex.getMessage().lines().findFirst().orElse(""));
			return new Result(service, settings, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false);
		}
		double toReady = (System.nanoTime() - start) / 1e9;
		long pid = process.pid();
		double residentAtReady = BenchEnvironment.residentMiB(pid);
		boolean archiveMapped = mapsArchive(pid);
		BenchEnvironment.pause(settle.toMillis());
		double residentSettled = BenchEnvironment.residentMiB(pid);
		process.stop();
		Matcher started = STARTED.matcher(log(process));
		boolean found = started.find();
		return new Result(service, settings, toReady, found ? Double.parseDouble(started.group(2)) : Double.NaN,
				found ? Double.parseDouble(started.group(1)) : Double.NaN, residentAtReady, residentSettled,
				archiveMapped);
	}

	// whether the JVM mapped a CDS archive of its application (a mismatched archive is ignored silently)
	private static boolean mapsArchive(long pid) {
		try {
			return Files.readString(Path.of("/proc", String.valueOf(pid), "maps")).contains("application.jsa");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String log(ServiceProcess process) {
		try {
			return Files.readString(process.logFile());
		}
		catch (IOException ex) {
			return "";
		}
	}

	/** The JVM settings a service is started with. */
	enum Settings {

		/** The JVM's defaults and the executable jar, as every service ran before issue 14. */
		OLD("old: JVM defaults"),

		/** Its {@code src/main/jvm/jvm.options}, the extracted jar and its CDS archive, as deployed. */
		NEW("new: jvm.options + CDS");

		final String label;

		Settings(String label) {
			this.label = label;
		}

	}

	/**
	 * @param toReadySeconds from launching the JVM to its readiness probe answering UP
	 * @param startedSeconds the JVM's age when Spring logged "Started … in" ("process running for")
	 * @param contextSeconds the figure of that line ("in …"): from the application's start, without the
	 * JVM's own
	 * @param residentMiB resident memory (RSS) when ready
	 * @param settledResidentMiB resident memory a little after
	 * @param archiveMapped whether the JVM mapped the application's CDS archive
	 */
	record Result(String service, Settings settings, double toReadySeconds, double startedSeconds, double contextSeconds,
			double residentMiB, double settledResidentMiB, boolean archiveMapped) {

		String row(int run) {
			String label = this.settings.label + ((this.settings == Settings.NEW && !this.archiveMapped) ? " (archive not used)" : "");
			return "| %d | %s | %s | %.1f | %.1f | %.1f | %.0f | %.0f |".formatted(run, this.service, label,
					this.startedSeconds, this.contextSeconds, this.toReadySeconds, this.residentMiB,
					this.settledResidentMiB);
		}

	}

}
