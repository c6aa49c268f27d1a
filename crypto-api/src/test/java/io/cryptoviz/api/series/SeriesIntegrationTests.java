package io.cryptoviz.api.series;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.cryptoviz.api.ApiIntegrationTests;
import io.cryptoviz.testsupport.PrometheusScrape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/**
 * History, candles and compare against InfluxDB's own GROUP BY time(): every expected value
 * below is worked out by hand from the ticks written here.
 */
class SeriesIntegrationTests extends ApiIntegrationTests {

	private static final String MORNING = "from=2025-03-10T10:00:00Z&to=2025-03-10T12:00:00Z";

	@BeforeAll
	static void seed() {
		// ethereum on Monday 10 March 2025
		store(tick("ethereum", "2025-03-10T10:00:30Z", 100, 90.0, 1.0, null, 1000.0, "coingecko"),
				tick("ethereum", "2025-03-10T10:02:00Z", 104, 94.0, 1.0, null, 1100.0, "coingecko"),
				tick("ethereum", "2025-03-10T10:04:59Z", 102, null, 1.0, null, 1200.0, "coingecko"),
				tick("ethereum", "2025-03-10T10:05:00Z", 110, 99.0, 1.0, null, 1300.0, "coingecko"),
				tick("ethereum", "2025-03-10T10:09:00Z", 108, 97.0, 1.0, null, null, "coingecko"),
				tick("ethereum", "2025-03-10T10:20:00Z", 120, 108.0, 1.0, null, 1500.0, "coingecko"),
				tick("ethereum", "2025-03-10T11:00:00Z", 90, 81.0, 1.0, null, 1600.0, "coingecko"),
				tick("ethereum", "2025-03-10T11:30:00Z", 95, null, null, null, null, "backfill"));
		// cardano and solana on 11 March 2025
		store(tick("cardano", "2025-03-11T10:10:00Z", 0.50, null, null, null, null, "coingecko"),
				tick("cardano", "2025-03-11T10:40:00Z", 0.54, null, null, null, null, "coingecko"),
				tick("cardano", "2025-03-11T11:15:00Z", 0.572, null, null, null, null, "coingecko"),
				tick("cardano", "2025-03-11T12:15:00Z", 0.468, null, null, null, null, "coingecko"),
				tick("solana", "2025-03-11T10:30:00Z", 200, null, null, null, null, "coingecko"),
				tick("solana", "2025-03-11T11:30:00Z", 190, null, null, null, null, "coingecko"),
				tick("solana", "2025-03-11T13:30:00Z", 230, null, null, null, null, "coingecko"));
	}

	@Test
	void historyAveragesEachFiveMinuteBucketAndLeavesEmptyBucketsOut() {
		JsonNode history = get("/api/v1/coins/ethereum/history?interval=5m&" + MORNING).json();

		assertThat(points(history)).containsExactly(tuple("2025-03-10T10:00:00Z", 102.0),
				tuple("2025-03-10T10:05:00Z", 109.0), tuple("2025-03-10T10:20:00Z", 120.0),
				tuple("2025-03-10T11:00:00Z", 90.0), tuple("2025-03-10T11:30:00Z", 95.0));
	}

	@Test
	void historyTakesFromInclusiveAndToExclusiveInsidePartialBuckets() {
		JsonNode history = get("/api/v1/coins/ethereum/history?interval=5m&from=2025-03-10T10:01:00Z"
				+ "&to=2025-03-10T10:09:00Z").json();

		// 10:00:30 is before from; 10:09:00 is at to, so out
		assertThat(points(history)).containsExactly(tuple("2025-03-10T10:00:00Z", 103.0),
				tuple("2025-03-10T10:05:00Z", 110.0));
	}

	@Test
	void historyOfAnotherFieldAndAggregationSkipsTicksWithoutThatField() {
		JsonNode history = get("/api/v1/coins/ethereum/history?field=price_eur&aggregation=max&interval=1h&" + MORNING)
			.json();

		assertThat(history.get("field").asString()).isEqualTo("price_eur");
		assertThat(points(history)).containsExactly(tuple("2025-03-10T10:00:00Z", 108.0),
				tuple("2025-03-10T11:00:00Z", 81.0));
	}

	@Test
	void historyWithoutIntervalChoosesOneFromTheRange() {
		JsonNode history = get("/api/v1/coins/ethereum/history?" + MORNING).json();

		// two hours: one-minute buckets (120) are within the default 400
		assertThat(history.get("interval").asString()).isEqualTo("1m");
		assertThat(points(history)).hasSize(8).first().isEqualTo(tuple("2025-03-10T10:00:00Z", 100.0));
	}

	@Test
	void weeksStartOnMondayAndDaysAtMidnightUtc() {
		String march = "from=2025-03-01&to=2025-04-01";
		double mean = (100 + 104 + 102 + 110 + 108 + 120 + 90 + 95) / 8.0;

		assertThat(points(get("/api/v1/coins/ethereum/history?interval=1w&" + march).json()))
			.containsExactly(tuple("2025-03-10T00:00:00Z", mean));
		assertThat(points(get("/api/v1/coins/ethereum/history?interval=1d&" + march).json()))
			.containsExactly(tuple("2025-03-10T00:00:00Z", mean));
	}

	@Test
	void candlesAreFirstHighestLowestLastAndTheLastVolumePerBucket() {
		JsonNode candles = get("/api/v1/coins/ethereum/candles?interval=1h&" + MORNING).json();

		assertThat(candles(candles)).containsExactly(
				List.of("2025-03-10T10:00:00Z", 100.0, 120.0, 100.0, 120.0, 1500.0),
				List.of("2025-03-10T11:00:00Z", 90.0, 95.0, 90.0, 95.0, 1600.0));
	}

	@Test
	void fiveMinuteCandlesKeepTheBucketBoundary() {
		JsonNode candles = get("/api/v1/coins/ethereum/candles?interval=5m&from=2025-03-10T10:00:00Z"
				+ "&to=2025-03-10T10:30:00Z").json();

		assertThat(candles(candles)).containsExactly(
				List.of("2025-03-10T10:00:00Z", 100.0, 104.0, 100.0, 102.0, 1200.0),
				List.of("2025-03-10T10:05:00Z", 110.0, 110.0, 108.0, 108.0, 1300.0),
				List.of("2025-03-10T10:20:00Z", 120.0, 120.0, 120.0, 120.0, 1500.0));
	}

	@Test
	void euroCandlesUseOnlyTicksThatHadAEuroPrice() {
		JsonNode candles = get("/api/v1/coins/ethereum/candles?currency=eur&interval=1h&" + MORNING).json();

		assertThat(candles.get("currency").asString()).isEqualTo("eur");
		assertThat(candles(candles)).containsExactly(List.of("2025-03-10T10:00:00Z", 90.0, 108.0, 90.0, 108.0, 1500.0),
				List.of("2025-03-10T11:00:00Z", 81.0, 81.0, 81.0, 81.0, 1600.0));
	}

	@Test
	void compareNormalisesEachCoinToItsFirstBucketInTheRange() {
		JsonNode comparison = get("/api/v1/compare?coins=cardano,solana,ethereum&interval=1h"
				+ "&from=2025-03-11T10:00:00Z&to=2025-03-11T14:00:00Z").json();

		JsonNode cardano = comparison.get("series").get(0);
		JsonNode solana = comparison.get("series").get(1);
		assertThat(cardano.get("coin").asString()).isEqualTo("cardano");
		assertThat(times(cardano)).containsExactly("2025-03-11T10:00:00Z", "2025-03-11T11:00:00Z",
				"2025-03-11T12:00:00Z");
		// cardano's 10:00 bucket is the mean of 0.50 and 0.54
		assertThat(cardano.get("points").get(0).get("value").asDouble()).isCloseTo(0.52, within(1e-12));
		assertThat(changes(cardano)).containsExactly(0.0, 10.0, -10.0);
		assertThat(times(solana)).containsExactly("2025-03-11T10:00:00Z", "2025-03-11T11:00:00Z",
				"2025-03-11T13:00:00Z");
		assertThat(changes(solana)).containsExactly(0.0, -5.0, 15.0);
		// ethereum has ticks, none in this range
		assertThat(comparison.get("series").get(2).get("coin").asString()).isEqualTo("ethereum");
		assertThat(comparison.get("series").get(2).get("points")).isEmpty();
	}

	@Test
	void sparklinesAreEachCoinsHourlyMeanFromTheHour24HoursAgoWithGapsAsNullRoundedForDrawing() {
		Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
		// tether around now (the other classes' coins keep theirs): two ticks two hours ago, one a day ago
		store(tick("tether", hour.minus(Duration.ofMinutes(110)).toString(), 1.000123456, null, null, null, null,
				"coingecko"),
				tick("tether", hour.minus(Duration.ofMinutes(100)).toString(), 1.000323456, null, null, null, null,
						"coingecko"),
				tick("tether", hour.minus(Duration.ofHours(25)).toString(), 0.98, null, null, null, null, "coingecko"));

		JsonNode answer = get("/api/v1/sparklines?coins=tether,cardano").json();

		Instant from = Instant.parse(answer.get("from").asString());
		Instant to = Instant.parse(answer.get("to").asString());
		assertThat(answer.get("interval").asString()).isEqualTo("1h");
		assertThat(from).isEqualTo(to.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS));
		JsonNode tether = answer.get("sparklines").get(0);
		assertThat(tether.get("coin").asString()).isEqualTo("tether");
		List<Double> values = new ArrayList<>();
		tether.get("values").forEach((value) -> values.add(value.isNull() ? null : value.asDouble()));
		assertThat(values).hasSize((int) Interval.ONE_HOUR.buckets(new TimeRange(from, to)));
		int twoHoursAgo = (int) Duration.between(from, hour.minus(Duration.ofHours(2))).toHours();
		List<Double> expected = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			// the mean 1.000223456 to 6 significant digits; the tick of a day ago is before from
			expected.add((i == twoHoursAgo) ? 1.00022 : null);
		}
		assertThat(values).isEqualTo(expected);
		// cardano's ticks are of 2025: none in the last 24 hours
		JsonNode cardano = answer.get("sparklines").get(1);
		assertThat(cardano.get("coin").asString()).isEqualTo("cardano");
		assertThat(cardano.get("values")).isEmpty();
	}

	@Test
	void theSparklinesCacheIsMeteredByName() {
		double before = PrometheusScrape.of(url("")).total("cache_gets_total", "cache=\"sparklines\"", "result=\"miss\"");

		assertThat(get("/api/v1/sparklines?coins=cardano").status()).isEqualTo(200);

		// this context reads InfluxDB on every request (a lifetime of 0 s): each one a miss
		assertThat(PrometheusScrape.of(url("")).total("cache_gets_total", "cache=\"sparklines\"", "result=\"miss\""))
			.isGreaterThan(before);
	}

	@Test
	void aRangeWithoutTicksIsAnEmptyAnswerNotAnError() {
		Answer answer = get("/api/v1/coins/ethereum/candles?from=2001-01-01&to=2001-01-02");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("candles")).isEmpty();
	}

	private static List<org.assertj.core.groups.Tuple> points(JsonNode answer) {
		List<org.assertj.core.groups.Tuple> points = new ArrayList<>();
		answer.get("points").forEach((point) -> points.add(tuple(point.get("time").asString(), point.get("value").asDouble())));
		return points;
	}

	private static List<List<Object>> candles(JsonNode answer) {
		List<List<Object>> candles = new ArrayList<>();
		answer.get("candles")
			.forEach((candle) -> candles.add(List.of(candle.get("time").asString(), candle.get("open").asDouble(),
					candle.get("high").asDouble(), candle.get("low").asDouble(), candle.get("close").asDouble(),
					candle.get("volume_24h").asDouble())));
		return candles;
	}

	private static List<String> times(JsonNode series) {
		List<String> times = new ArrayList<>();
		series.get("points").forEach((point) -> times.add(point.get("time").asString()));
		return times;
	}

	private static List<Double> changes(JsonNode series) {
		List<Double> changes = new ArrayList<>();
		// rounded: 0.572 / 0.52 is 1.1 only up to floating point
		series.get("points")
			.forEach((point) -> changes.add(Math.round(point.get("change_pct").asDouble() * 1e9) / 1e9));
		return changes;
	}

}
