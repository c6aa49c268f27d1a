package io.cryptoviz.e2e;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.cryptoviz.devstack.ServiceProcess;
import io.cryptoviz.testsupport.HeadlessChromium;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.chrome.ChromeDriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A fresh {@code --simulated} stack, as deployed (the three services' jars, a real broker and a real InfluxDB,
 * no CoinGecko called), and its page in a real headless Chromium: the producer loads the simulated walk's past
 * 30 days by itself, and the page's 30-day chart at interval 1h has a point in every hour.
 */
class SimulatedStackPageIT extends WithConsumerPipeline {

	private static final String COINS = "bitcoin,ethereum";

	/** What {@code run-local.sh --simulated} sets, for a single producer. */
	private static final Map<String, String> SIMULATED = Map.of("CRYPTOVIZ_PRODUCER_SOURCE", "simulated",
			"CRYPTOVIZ_PRODUCER_LEADER_ENABLED", "false", "CRYPTOVIZ_COINS", COINS);

	/** The chart's time axis and the times of its line's points, as ECharts holds them. */
	private static final String DRAWN = """
			const option = echarts.getInstanceByDom(document.getElementById('chart')).getOption();
			return { from: option.xAxis[0].min, to: option.xAxis[0].max,
				times: option.series[0].data.map((point) => point[0]),
				values: option.series[0].data.map((point) => point[1]) };
			""";

	private ChromeDriver browser;

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.quit();
		}
	}

	@Test
	void aFreshSimulatedStacksPageShowsThirtyDaysWithAPointInEveryHour() {
		ServiceProcess producer = this.pipeline.start("crypto-producer", SIMULATED);
		ServiceProcess api = this.pipeline.start("crypto-api", Map.of("CRYPTOVIZ_COINS", COINS));
		this.pipeline.awaitHistoryLoaded(producer);
		this.pipeline.awaitConsumerCaughtUp();

		this.browser = HeadlessChromium.start();
		this.browser.get(api.url() + "/");
		page().until(() -> this.browser.findElement(By.cssSelector("tr[data-coin='bitcoin']")).isDisplayed());
		this.browser.findElement(By.cssSelector("#range button[data-value='30d']")).click();
		this.browser.findElement(By.cssSelector("#interval option[value='1h']")).click();
		page().until(() -> this.browser.findElement(By.id("chart-status")).getText().matches("\\d+ points · interval 1h"));

		@SuppressWarnings("unchecked")
		Map<String, Object> drawn = (Map<String, Object>) this.browser.executeScript(DRAWN);
		Instant from = Instant.parse((String) drawn.get("from"));
		Instant to = Instant.parse((String) drawn.get("to"));
		assertThat(Duration.between(from, to)).as("the chart's time axis").isEqualTo(Duration.ofDays(30));
		Set<Instant> points = new TreeSet<>();
		((List<?>) drawn.get("times")).forEach((time) -> points.add(Instant.parse((String) time)));
		List<Instant> fullHours = new ArrayList<>();
		for (Instant hour = from.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)); !hour.plus(Duration.ofHours(1))
			.isAfter(to); hour = hour.plus(Duration.ofHours(1))) {
			fullHours.add(hour);
		}
		assertThat(fullHours).as("the 30 days' full hours").hasSizeGreaterThanOrEqualTo(30 * 24 - 1);
		assertThat(points).as("the chart's points, one per hour").containsAll(fullHours);
		assertThat((List<?>) drawn.get("values")).as("prices")
			.allSatisfy((value) -> assertThat(((Number) value).doubleValue()).isPositive());
		assertThat(this.browser.findElement(By.id("simulated")).isDisplayed()).as("simulated badge").isTrue();
		page().until(() -> !this.browser.findElement(By.id("history-progress")).isDisplayed());
	}

	private static ConditionFactory page() {
		return await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(NoSuchElementException.class);
	}

}
