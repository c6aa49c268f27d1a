package io.cryptoviz.api.page;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.cryptoviz.tick.PriceTick;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.utils.ContainerTestUtils;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real headless Chromium: it loads without console errors, shows the stored
 * prices (missing figures as missing), charts the selected coin, and puts a tick published to
 * Kafka into its table without a reload.
 */
class DashboardBrowserTests extends BrowserTests {

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	private List<Instant> bitcoinTimes;

	// one time for the class: every test seeds the same points, which the chart's counts rely on
	private static final Instant SEEDED_AT = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private final Instant now = SEEDED_AT;

	@BeforeEach
	void seedAndOpen() {
		List<PriceTick> ticks = new ArrayList<>();
		// six hours of bitcoin, one tick every ten minutes, for the chart
		for (int minutes = 360; minutes >= 10; minutes -= 10) {
			ticks.add(tick("bitcoin", this.now.minus(Duration.ofMinutes(minutes)).toString(), 94000 + minutes, 86500.0,
					1.0, 1.88e12, 3.1e10, "coingecko"));
		}
		ticks.add(tick("bitcoin", this.now.minus(Duration.ofMinutes(2)).toString(), 95123.45, 87513.57, 1.5, 1.89e12,
				3.2e10, "coingecko"));
		// ethereum's latest tick has no EUR price and fell in 24 h
		ticks.add(tick("ethereum", this.now.minus(Duration.ofMinutes(1)).toString(), 3500.5, null, -2.25, 4.2e11,
				1.5e10, "coingecko"));
		store(ticks.toArray(PriceTick[]::new));
		this.bitcoinTimes = ticks.stream()
			.filter((tick) -> tick.crypto().equals("bitcoin"))
			.map(PriceTick::timestamp)
			.toList();
	}

	@Test
	void showsTheLatestPricesChartsThemAndTakesNewTicksLive() {
		this.browser.get(url("/"));
		// proves the console is read: this message, and no other, must be found at the end
		this.browser.executeScript("console.error('console capture works')");

		page().untilAsserted(() -> assertThat(cell("bitcoin", "price-usd")).isEqualTo("$95,123.45"));
		assertThat(cell("bitcoin", "price-eur")).isEqualTo("€87,513.57");
		assertThat(cell("bitcoin", "change")).isEqualTo("▲ 1.50%");
		assertThat(cellElement("bitcoin", "change").getAttribute("class")).contains("up");
		assertThat(cell("bitcoin", "market-cap")).isEqualTo("$1.89T");
		assertThat(cell("ethereum", "price-usd")).isEqualTo("$3,500.50");
		assertThat(cell("ethereum", "price-eur")).isEqualTo("—");
		assertThat(cell("ethereum", "change")).isEqualTo("▼ 2.25%");
		assertThat(cellElement("ethereum", "change").getAttribute("class")).contains("down");
		// the coins are the data's: polkadot, a default of the producer's, has no tick here, so no row
		assertThat(this.browser.findElements(By.cssSelector("tr[data-coin='polkadot']"))).isEmpty();
		assertThat(this.browser.findElement(By.id("simulated")).isDisplayed()).as("simulated badge").isFalse();

		// the selected coin (the first, bitcoin) is charted over the last 24 hours
		page().untilAsserted(() -> assertThat(chartStatus())
			.isEqualTo(buckets(Duration.ofMinutes(5)) + " points · interval 5m"));
		this.browser.findElement(By.cssSelector("#view button[data-value=candles]")).click();
		page().untilAsserted(() -> assertThat(chartStatus())
			.isEqualTo(buckets(Duration.ofMinutes(5)) + " candles · interval 5m"));
		this.browser.findElement(By.cssSelector("#range button[data-value='7d']")).click();
		page().untilAsserted(() -> assertThat(chartStatus())
			.isEqualTo(buckets(Duration.ofHours(1)) + " candles · interval 1h"));
		this.browser.findElement(By.cssSelector("#view button[data-value=compare]")).click();
		// the first ten coins of the table, at most
		long rows = Math.min(10, this.browser.findElements(By.cssSelector("#prices tbody tr")).size());
		page().untilAsserted(() -> assertThat(chartStatus()).startsWith(rows + " coins · "));
		assertThat(this.browser.findElements(By.cssSelector("#chart canvas"))).isNotEmpty();

		// a tick published now reaches the table through Kafka and the stream, without a reload
		awaitStream();
		ContainerTestUtils.waitForAssignment(this.listeners.getListenerContainer("crypto-api-stream"), 3);
		publish(List.of(entry("bitcoin", ("{\"crypto\":\"bitcoin\",\"price_usd\":96000.01,\"price_eur\":88320.5,"
				+ "\"change_24h\":-0.5,\"timestamp\":\"" + this.now + "\",\"source\":\"coingecko\"}")
			.getBytes(StandardCharsets.UTF_8))));
		page().untilAsserted(() -> assertThat(cell("bitcoin", "price-usd")).isEqualTo("$96,000.01"));
		assertThat(cell("bitcoin", "change")).isEqualTo("▼ 0.50%");
		assertThat(cell("bitcoin", "market-cap")).isEqualTo("—");

		// simulated prices are flagged as such, never passed off as market data
		// (ethereum: the coins of other test classes' time windows must keep their data)
		publish(List.of(entry("ethereum", ("{\"crypto\":\"ethereum\",\"price_usd\":3600.5,\"timestamp\":\"" + this.now
				+ "\",\"source\":\"simulated\"}")
			.getBytes(StandardCharsets.UTF_8))));
		page().untilAsserted(() -> assertThat(cell("ethereum", "price-usd")).isEqualTo("$3,600.50"));
		assertThat(this.browser.findElement(By.id("simulated")).isDisplayed()).as("simulated badge").isTrue();

		assertThat(severeConsoleMessages()).singleElement().asString().contains("console capture works");
	}

	@Test
	void saysHowFarTheProducerHasComeLoadingHistoryWhileItLoadsAndNothingOnceItIsDone() {
		publishHistory("progress", historyProgress("loading", 42.7));
		this.browser.get(url("/"));

		page().untilAsserted(() -> assertThat(this.browser.findElement(By.id("history-progress")).getText())
			.isEqualTo("loading history … 42 % (2 coins to go)"));

		publishHistory("progress", historyProgress("idle", 100.0));
		page().untilAsserted(
				() -> assertThat(this.browser.findElement(By.id("history-progress")).isDisplayed()).isFalse());
		assertThat(severeConsoleMessages()).isEmpty();
	}

	/** How many buckets of this size bitcoin's seeded ticks fall in: 6 or 7 hours, depending on the time. */
	private long buckets(Duration size) {
		return this.bitcoinTimes.stream()
			.map((time) -> Math.floorDiv(time.toEpochMilli(), size.toMillis()))
			.distinct()
			.count();
	}

	private String chartStatus() {
		return this.browser.findElement(By.id("chart-status")).getText();
	}

}
