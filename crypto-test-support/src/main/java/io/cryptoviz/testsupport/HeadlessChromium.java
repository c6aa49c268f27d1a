package io.cryptoviz.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, with a fresh profile and
 * nothing that reaches the network by itself. The driver is given explicitly, so Selenium
 * Manager never tries to download one. Without Chromium the test fails and says what to
 * install: a browser test that skips itself would hide a broken page. Selenium's Chrome driver is an
 * optional dependency of this module: a module whose tests drive the browser declares it.
 */
public final class HeadlessChromium {

	/** Environment variables naming the binaries when they are not at Debian's paths. */
	public static final String CHROMIUM_ENV = "CRYPTOVIZ_CHROMIUM";

	public static final String CHROMEDRIVER_ENV = "CRYPTOVIZ_CHROMEDRIVER";

	private HeadlessChromium() {
	}

	public static ChromeDriver start() {
		Path chromium = binary(CHROMIUM_ENV, "/usr/bin/chromium");
		Path chromedriver = binary(CHROMEDRIVER_ENV, "/usr/bin/chromedriver");
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, chromedriver.toString());
		ChromeOptions options = new ChromeOptions();
		options.setBinary(chromium.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1280,1000", "--lang=en-US", "--user-data-dir=" + profile());
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

	private static Path binary(String env, String debianPath) {
		String configured = System.getenv(env);
		Path binary = Path.of((configured != null && !configured.isBlank()) ? configured : debianPath);
		if (!Files.isExecutable(binary)) {
			throw new IllegalStateException(binary + " not found: the page's browser test needs Chromium and its "
					+ "driver. Install them (Debian: apt-get install -y chromium chromium-driver; CI installs them) "
					+ "or point " + env + " at the binary.");
		}
		return binary;
	}

	private static Path profile() {
		try {
			return Files.createTempDirectory("cryptoviz-chromium");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
