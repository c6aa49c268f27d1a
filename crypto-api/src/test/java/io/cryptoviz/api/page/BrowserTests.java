package io.cryptoviz.api.page;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import io.cryptoviz.api.ApiIntegrationTests;
import io.cryptoviz.testsupport.HeadlessChromium;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import static org.awaitility.Awaitility.await;

/** The page's tests: a fresh headless Chromium per test, and what they read of the page. */
abstract class BrowserTests extends ApiIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	protected ChromeDriver browser;

	@BeforeEach
	void openBrowser() {
		this.browser = HeadlessChromium.start();
	}

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	/** Waits for the page, which may not have drawn what is looked for yet. */
	protected static ConditionFactory page() {
		return await().atMost(WAIT).ignoreExceptionsInstanceOf(NoSuchElementException.class);
	}

	protected String cell(String coin, String column) {
		return cellElement(coin, column).getText();
	}

	protected WebElement cellElement(String coin, String column) {
		return this.browser.findElement(By.cssSelector("tr[data-coin='" + coin + "'] td." + column));
	}

	/** Waits until the live stream is open. */
	protected void awaitStream() {
		page().until(() -> "open".equals(this.browser.findElement(By.tagName("body")).getDomAttribute("data-stream")));
	}

	protected List<String> severeConsoleMessages() {
		return this.browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.toList();
	}

}
