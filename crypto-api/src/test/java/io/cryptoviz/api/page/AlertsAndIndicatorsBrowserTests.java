package io.cryptoviz.api.page;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cryptoviz.tick.PriceTick;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.utils.ContainerTestUtils;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page draws the indicators the user picks (SMA over the price, RSI in the pane below it) and shows an
 * alert that a tick published to Kafka fired, without a reload. Tezos, hourly for the last 300 hours: enough for the RSI's 95 candles of warm-up before seven days.
 */
class AlertsAndIndicatorsBrowserTests extends BrowserTests {

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS);

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@BeforeAll
	static void seed() {
		List<PriceTick> ticks = new ArrayList<>();
		for (int hour = 300; hour >= 1; hour--) {
			double price = 0.8 + 0.05 * Math.sin(hour / 6.0);
			ticks.add(tick("tezos", NOW.minus(Duration.ofHours(hour)).plus(Duration.ofMinutes(30)).toString(), price, null,
					null, null, null, "coingecko"));
		}
		store(ticks.toArray(PriceTick[]::new));
	}

	@Test
	void drawsTheChosenIndicatorsOverThePriceAndInAPaneBelowIt() {
		this.browser.get(url("/"));
		page().until(() -> !this.browser.findElements(By.cssSelector("tr[data-coin='tezos']")).isEmpty());
		this.browser.findElement(By.cssSelector("tr[data-coin='tezos']")).click();
		this.browser.findElement(By.cssSelector("#range button[data-value='7d']")).click();
		this.browser.findElement(By.cssSelector("#indicators input[value='sma:20']")).click();
		this.browser.findElement(By.cssSelector("#indicators input[value='rsi:14']")).click();

		page().untilAsserted(() -> assertThat(this.browser.findElement(By.id("chart-status")).getText())
			.endsWith("interval 1h · sma:20, rsi:14"));
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> series = (List<Map<String, Object>>) this.browser.executeScript("""
				return echarts.getInstanceByDom(document.getElementById('chart')).getOption().series.map((s) => ({
				  name: s.name, axis: s.xAxisIndex || 0,
				  values: s.data.filter((d) => d !== null && !(Array.isArray(d) && d[1] === null)).length }));""");
		assertThat(series).extracting((s) -> s.get("name")).containsExactly("tezos price_usd", "sma:20", "rsi:14");
		// the range's hours all have candles before them: every hour of the seven days has its values (the
		// indicators also have the hour the range starts in, of which the price line has only what follows from)
		int prices = ((Number) series.get(0).get("values")).intValue();
		assertThat(prices).isGreaterThanOrEqualTo(167);
		assertThat(((Number) series.get(1).get("values")).intValue()).isBetween(prices, prices + 1);
		assertThat(series.get(2).get("values")).isEqualTo(series.get(1).get("values"));
		assertThat(((Number) series.get(1).get("axis")).intValue()).isZero();
		assertThat(((Number) series.get(2).get("axis")).intValue()).isOne();

		this.browser.findElement(By.cssSelector("#view button[data-value=candles]")).click();
		page().untilAsserted(() -> assertThat(this.browser.findElement(By.id("chart-status")).getText())
			.contains("candles · interval 1h · sma:20, rsi:14"));
		assertThat(severeConsoleMessages()).isEmpty();
	}

	@Test
	void anAlertFiredByAPublishedTickAppearsOnThePage() {
		String rule = "{\"id\":\"xtz-high\",\"coin\":\"tezos\",\"condition\":\"price_above\",\"level\":2}";
		assertThat(send(HttpRequest.newBuilder(URI.create(url("/api/v1/alerts")))
			.header("Authorization", "Bearer " + ALERTS_TOKEN)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(rule))
			.build()).status()).isEqualTo(201);
		this.browser.get(url("/"));
		awaitStream();
		assertThat(this.browser.findElement(By.id("alerts-card")).isDisplayed()).isFalse();
		page().until(() -> this.listeners.getListenerContainer("crypto-api-alerts").isRunning());
		ContainerTestUtils.waitForAssignment(this.listeners.getListenerContainer("crypto-api-alerts"), 3);
		ContainerTestUtils.waitForAssignment(this.listeners.getListenerContainer("crypto-api-alert-stream"), 3);

		publish(List.of(entry("tezos", ("{\"crypto\":\"tezos\",\"price_usd\":2.5,\"timestamp\":\"" + Instant.now()
				.truncatedTo(ChronoUnit.SECONDS) + "\",\"source\":\"coingecko\"}").getBytes(StandardCharsets.UTF_8))));

		page().untilAsserted(() -> assertThat(this.browser.findElement(By.cssSelector("#alerts li[data-coin='tezos']"))
			.getText()).endsWith("tezos is at 2.50 USD, at or above 2.00 USD"));
		assertThat(this.browser.findElement(By.id("alerts-card")).isDisplayed()).isTrue();
		assertThat(severeConsoleMessages()).isEmpty();
	}

}
