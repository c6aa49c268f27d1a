package io.cryptoviz.api.page;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.cryptoviz.influx.CryptoPriceSchema;
import io.cryptoviz.influx.InfluxTarget;
import io.cryptoviz.influx.WriteListener;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.test.context.TestPropertySource;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page at 250 coins, as a {@code top:250} producer makes them, in a real headless Chromium:
 * the API, started with its defaults, learns the coins from InfluxDB and the stream; the table
 * sorts by every column and filters by name; every row has its 24 h sparkline, all from one
 * request; at a phone's 390 px nothing but the table (inside its card) is wider than the screen.
 * How long the first screen took, and how large the sparklines' answer was, is printed for
 * docs/benchmarks.md: a figure, not a threshold. A database of its own keeps the 250 coins from
 * the other classes' data.
 */
// the latest prices and the sparklines cached as in production (the other classes read InfluxDB on
// every request)
@TestPropertySource(properties = { "influx.database=" + DashboardAtScaleBrowserTests.DATABASE,
		"cryptoviz.api.latest.cache-ttl=2s", "cryptoviz.api.caches.sparklines.ttl=60s" })
class DashboardAtScaleBrowserTests extends BrowserTests {

	static final String DATABASE = "page-at-scale";

	private static final int COINS = 250;

	private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	private static final List<Coin> SEEDED = coins();

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	/**
	 * A coin of the seeded data, each figure different from every other coin's so that every
	 * order is one order.
	 *
	 * @param id coin id
	 * @param usd latest USD price
	 * @param eur latest EUR price, none for every seventh coin
	 * @param change 24 h change in percent
	 * @param marketCap market cap, falling with the rank
	 * @param volume 24 h volume
	 * @param trend how far the price moved over the 24 hours of history, in percent
	 * @param time the latest tick's time
	 */
	record Coin(String id, double usd, Double eur, double change, double marketCap, double volume, double trend,
			Instant time) {
	}

	private static List<Coin> coins() {
		List<String> named = List.of("bitcoin", "ethereum", "solana", "cardano", "polkadot");
		double[] prices = { 95_000, 3_500, 180, 0.65, 4.5 };
		double[] caps = { 1.9e12, 4.2e11, 8.0e10, 2.3e10, 7.0e9 };
		List<Coin> coins = new ArrayList<>();
		for (int i = 0; i < COINS; i++) {
			// the simulated source's names for the coins of a top:N beyond its five
			String id = (i < named.size()) ? named.get(i) : "sim-coin-%03d".formatted(i + 1);
			double usd = (i < named.size()) ? prices[i] : 100.0 / (i + 1);
			double cap = (i < named.size()) ? caps[i] : 1.0e9 / (i + 1);
			coins.add(new Coin(id, usd, (i % 7 == 3) ? null : usd * 0.92, ((i * 97) % COINS - 125) / 10.0, cap,
					((i * 53) % COINS + 1) * 1.0e6, ((i * 31) % COINS - 125) / 5.0, NOW.minusSeconds(60 + i)));
		}
		return coins;
	}

	/** 24 hours of hourly ticks per coin, moving by its trend to its latest tick. */
	@BeforeAll
	static void seed() {
		influx().createDatabase(DATABASE);
		List<String> lines = new ArrayList<>();
		for (Coin coin : SEEDED) {
			double start = coin.usd() / (1 + coin.trend() / 100);
			for (int hoursAgo = 24; hoursAgo >= 1; hoursAgo--) {
				double usd = start + (coin.usd() - start) * (24 - hoursAgo) / 24;
				lines.add(CryptoPriceSchema.toLineProtocol(new PriceTick(coin.id(), usd, usd * 0.92, coin.change(),
						coin.marketCap(), coin.volume(), NOW.minus(Duration.ofHours(hoursAgo)), TickSource.COINGECKO)));
			}
			lines.add(CryptoPriceSchema.toLineProtocol(new PriceTick(coin.id(), coin.usd(), coin.eur(), coin.change(),
					coin.marketCap(), coin.volume(), coin.time(), TickSource.COINGECKO)));
		}
		influx().gateway().write(InfluxTarget.database(DATABASE), lines, WriteListener.NONE);
	}

	@Test
	void twoHundredFiftyCoinsSortByEveryColumnFilterByNameAndHaveTheirSparklinesFromOneRequest() {
		this.browser.get(url("/"));
		long firstScreen = firstScreen();

		assertThat(shownCoins()).as("by market cap, largest first").containsExactlyElementsOf(ids(SEEDED));
		assertThat(this.browser.findElements(By.cssSelector("#prices tbody td.spark svg path")))
			.hasSize(COINS)
			.allSatisfy((path) -> assertThat(path.getDomAttribute("d")).startsWith("M").contains("L"));
		assertThat(this.browser.findElement(By.id("prices-count")).getText()).isEqualTo("250 coins");
		List<Map<String, Object>> sparklineRequests = requests("/api/v1/sparklines");
		assertThat(sparklineRequests).as("one request for every sparkline").hasSize(1);
		System.out.printf("Page at %d coins: first screen (prices, sparklines, chart) complete %d ms after "
				+ "navigation; the sparklines' answer %s bytes (%s as sent), its request %s ms%n", COINS, firstScreen,
				sparklineRequests.get(0).get("decoded"), sparklineRequests.get(0).get("size"),
				sparklineRequests.get(0).get("duration"));

		// the same page again, from an API that has served it: its caches and code warm
		List<Long> again = new ArrayList<>();
		for (int load = 0; load < 3; load++) {
			this.browser.navigate().refresh();
			again.add(firstScreen());
		}
		System.out.printf("Page at %d coins, loaded again: first screen complete after %s ms; the sparklines' "
				+ "request took %s ms of the last%n", COINS, again, requests("/api/v1/sparklines").get(0).get("duration"));
		sortBy("coin");
		assertThat(shownCoins()).containsExactlyElementsOf(ids(sorted(Coin::id, false)));
		sortBy("price_usd");
		assertThat(shownCoins()).containsExactlyElementsOf(ids(sorted(Coin::usd, true)));
		sortBy("price_usd");
		assertThat(shownCoins()).as("a second click turns the order round")
			.containsExactlyElementsOf(ids(sorted(Coin::usd, false)));
		assertThat(header("price_usd").getDomAttribute("aria-sort")).isEqualTo("ascending");
		sortBy("price_eur");
		assertThat(shownCoins()).as("missing figures last").containsExactlyElementsOf(ids(sorted(Coin::eur, true)));
		sortBy("price_eur");
		assertThat(shownCoins()).as("missing figures last either way")
			.containsExactlyElementsOf(ids(sorted(Coin::eur, false)));
		sortBy("change_24h");
		assertThat(shownCoins()).containsExactlyElementsOf(ids(sorted(Coin::change, true)));
		sortBy("trend");
		assertThat(shownCoins()).as("by the sparkline's move").containsExactlyElementsOf(ids(sorted(Coin::trend, true)));
		sortBy("volume_24h");
		assertThat(shownCoins()).containsExactlyElementsOf(ids(sorted(Coin::volume, true)));
		sortBy("timestamp");
		assertThat(shownCoins()).containsExactlyElementsOf(ids(sorted(Coin::time, true)));
		sortBy("market_cap");
		assertThat(shownCoins()).containsExactlyElementsOf(ids(SEEDED));

		WebElement filter = this.browser.findElement(By.id("filter"));
		filter.sendKeys("Coin 01");
		assertThat(shownCoins()).containsExactly("sim-coin-010", "sim-coin-011", "sim-coin-012", "sim-coin-013",
				"sim-coin-014", "sim-coin-015", "sim-coin-016", "sim-coin-017", "sim-coin-018", "sim-coin-019");
		assertThat(this.browser.findElement(By.id("prices-count")).getText()).isEqualTo("10 of 250 coins");
		filter.sendKeys(Keys.chord(Keys.CONTROL, "a"), "ether");
		assertThat(shownCoins()).containsExactly("ethereum");
		filter.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
		assertThat(shownCoins()).hasSize(COINS);

		// a poll of the top 250 as it changed: every coin moves, and one joined the top N
		awaitStream();
		ContainerTestUtils.waitForAssignment(this.listeners.getListenerContainer("crypto-api-stream"), 3);
		List<Map.Entry<String, byte[]>> poll = new ArrayList<>();
		for (Coin coin : SEEDED) {
			poll.add(tick(coin.id(), coin.usd() * 1.01));
		}
		poll.add(tick("sim-coin-251", 0.39));
		publish(poll);
		page().untilAsserted(() -> assertThat(shownCoins()).hasSize(COINS + 1).contains("sim-coin-251"));
		assertThat(this.browser.findElement(By.id("prices-count")).getText()).isEqualTo("251 coins");
		page().untilAsserted(() -> assertThat(cell("bitcoin", "price-usd")).isEqualTo("$95,950.00"));
		assertThat(cell("sim-coin-251", "spark")).as("no history yet").isEqualTo("—");

		assertThat(severeConsoleMessages()).isEmpty();
	}

	@Test
	void atAPhonesWidthOnlyTheTableScrollsSidewaysInsideItsCardAndTheChartControlsWrap() {
		this.browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
		this.browser.get(url("/"));
		long firstScreen = firstScreen();
		System.out.printf("Page at %d coins, 390 px wide: first screen complete %d ms after navigation%n", COINS,
				firstScreen);

		assertThat(this.browser.executeScript("return window.innerWidth")).isEqualTo(390L);
		page().untilAsserted(() -> assertThat(this.browser.executeScript("""
				return [...document.querySelectorAll('body *')]
				  .filter((element) => !element.closest('.table-wrap'))
				  .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
				  .map((element) => element.tagName + (element.id ? '#' + element.id : '') + '.' + element.className)
				""")).as("elements wider than the screen").asList().isEmpty());
		assertThat(this.browser.executeScript("return document.documentElement.scrollWidth")).as("page width")
			.isEqualTo(this.browser.executeScript("return document.documentElement.clientWidth"));
		WebElement tableWrap = this.browser.findElement(By.cssSelector(".table-wrap"));
		assertThat(number(tableWrap, "scrollWidth")).as("the table scrolls inside its card")
			.isGreaterThan(number(tableWrap, "clientWidth"));
		assertThat(number(tableWrap, "getBoundingClientRect().right"))
			.isLessThanOrEqualTo(number(this.browser.findElement(By.cssSelector("main")), "getBoundingClientRect().right"));
		List<Long> controlRows = this.browser.findElements(By.cssSelector(".controls > *"))
			.stream()
			.map((control) -> Math.round(number(control, "getBoundingClientRect().top")))
			.distinct()
			.toList();
		assertThat(controlRows).as("the chart controls wrap onto several rows").hasSizeGreaterThan(1);
		assertThat(severeConsoleMessages()).isEmpty();
	}

	/** Waits until the page says its first screen is complete, and how long after navigation. */
	private long firstScreen() {
		page().until(() -> this.browser.findElement(By.tagName("body")).getDomAttribute("data-first-screen") != null);
		return Long.parseLong(this.browser.findElement(By.tagName("body")).getDomAttribute("data-first-screen"));
	}

	private static Map.Entry<String, byte[]> tick(String coin, double usd) {
		return entry(coin, ("{\"crypto\":\"" + coin + "\",\"price_usd\":" + usd + ",\"timestamp\":\"" + NOW
				+ "\",\"source\":\"coingecko\"}").getBytes(StandardCharsets.UTF_8));
	}

	private void sortBy(String column) {
		header(column).findElement(By.tagName("button")).click();
	}

	private WebElement header(String column) {
		return this.browser.findElement(By.cssSelector("#prices th[data-sort='" + column + "']"));
	}

	/** The expected order: missing figures last, whichever the direction; ties cannot happen here. */
	private static <T extends Comparable<T>> List<Coin> sorted(Function<Coin, T> key, boolean descending) {
		Comparator<T> order = descending ? Comparator.<T>reverseOrder() : Comparator.<T>naturalOrder();
		return SEEDED.stream().sorted(Comparator.comparing(key, Comparator.nullsLast(order))).toList();
	}

	private static List<String> ids(List<Coin> coins) {
		return coins.stream().map(Coin::id).toList();
	}

	@SuppressWarnings("unchecked")
	private List<String> shownCoins() {
		return (List<String>) this.browser.executeScript(
				"return [...document.querySelectorAll('#prices tbody tr')].filter((tr) => !tr.hidden).map((tr) => tr.dataset.coin)");
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> requests(String path) {
		return (List<Map<String, Object>>) this.browser.executeScript("return performance.getEntriesByType('resource')"
				+ ".filter((entry) => new URL(entry.name).pathname === arguments[0])"
				+ ".map((entry) => ({ url: entry.name, size: entry.encodedBodySize, decoded: entry.decodedBodySize,"
				+ " duration: Math.round(entry.duration) }))",
				path);
	}

	private double number(WebElement element, String property) {
		return ((Number) this.browser.executeScript("return arguments[0]." + property, element)).doubleValue();
	}

}
