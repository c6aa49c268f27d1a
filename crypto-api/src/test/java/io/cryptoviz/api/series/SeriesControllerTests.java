package io.cryptoviz.api.series;

import java.time.Instant;
import java.util.List;

import io.cryptoviz.api.ApiSliceTests;
import io.cryptoviz.api.series.SeriesResponses.Candle;
import io.cryptoviz.api.series.SeriesResponses.Point;
import io.cryptoviz.influx.InfluxUnavailableException;
import io.cryptoviz.rollup.RollupInterval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class SeriesControllerTests extends ApiSliceTests {

	private static final TimeRange LAST_DAY = new TimeRange(NOW.minusSeconds(86400), NOW);

	/** Now is on the hour: every hour of the last day is whole and closed, so the 1h candles answer it all. */
	private static final TierPlan HOURLY_CANDLES_OF_THE_LAST_DAY = new TierPlan(LAST_DAY,
			List.of(new TierPlan.Span(RollupInterval.ONE_HOUR, LAST_DAY.from(), LAST_DAY.to())));

	@Autowired
	private SeriesQueries series;

	@Test
	void whenHistoryWithoutParametersThenMeanUsdPriceOfTheLastDayIn5MinuteBuckets() throws Exception {
		given(this.series.history("bitcoin", Field.PRICE_USD, Aggregation.MEAN, TierPlan.raw(LAST_DAY),
				Interval.FIVE_MINUTES))
			.willReturn(List.of(new Point(Instant.parse("2025-10-31T11:50:00Z"), 109800.5)));

		this.mvc.perform(get("/api/v1/coins/bitcoin/history"))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.coin").value("bitcoin"))
			.andExpect(jsonPath("$.field").value("price_usd"))
			.andExpect(jsonPath("$.aggregation").value("mean"))
			.andExpect(jsonPath("$.interval").value("5m"))
			.andExpect(jsonPath("$.tiers[0].tier").value("raw"))
			.andExpect(jsonPath("$.from").value("2025-10-30T12:00:00Z"))
			.andExpect(jsonPath("$.to").value("2025-10-31T12:00:00Z"))
			.andExpect(jsonPath("$.points[0].time").value("2025-10-31T11:50:00Z"))
			.andExpect(jsonPath("$.points[0].value").value(109800.5));
	}

	@Test
	void whenHistoryWithParametersThenExactlyThoseAreQueried() throws Exception {
		this.mvc
			.perform(get("/api/v1/coins/ethereum/history").param("field", "market_cap")
				.param("aggregation", "MAX")
				.param("from", "2025-10-01")
				.param("to", "2025-10-31T02:00:00+02:00")
				.param("interval", "1d"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.field").value("market_cap"))
			.andExpect(jsonPath("$.aggregation").value("max"))
			.andExpect(jsonPath("$.points.length()").value(0));

		// the highest market cap is no candle's: read from the raw ticks
		verify(this.series).history("ethereum", Field.MARKET_CAP, Aggregation.MAX,
				TierPlan.raw(new TimeRange(Instant.parse("2025-10-01T00:00:00Z"), Instant.parse("2025-10-31T00:00:00Z"))),
				Interval.ONE_DAY);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			field       | price        | field 'price' is not one of price_usd, price_eur, change_24h, market_cap, volume_24h.
			aggregation | avg          | aggregation 'avg' is not one of mean, median, min, max, first, last.
			interval    | 2m           | interval '2m' is not one of 1m, 5m, 15m, 1h, 4h, 1d, 1w.
			from        | 31/10/2025   | from '31/10/2025' is not an ISO-8601 date-time with offset
			to          | now          | to 'now' is not an ISO-8601 date-time with offset
			from        | 2031-01-01   | from (2031-01-01T00:00:00Z) must be before to (2025-10-31T12:00:00Z)
			""")
	void whenHistoryParameterIsBadThen400ProblemNamingIt(String parameter, String value, String detail)
			throws Exception {
		this.mvc.perform(get("/api/v1/coins/bitcoin/history").param(parameter, value))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:cryptoviz:problem:invalid-parameter"))
			.andExpect(jsonPath("$.title").value("Invalid parameter"))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.parameter").value(parameter))
			.andExpect(jsonPath("$.detail").value(startsWith(detail)));
		verifyNoInteractions(this.series);
	}

	@Test
	void whenHistoryWouldReturnTooManyPointsThen400SayingHowToNarrowIt() throws Exception {
		this.mvc.perform(get("/api/v1/coins/bitcoin/history").param("interval", "1m"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:cryptoviz:problem:too-many-points"))
			.andExpect(jsonPath("$.points").value(1440))
			.andExpect(jsonPath("$.max_points").value(1000))
			.andExpect(jsonPath("$.detail").value(startsWith("From 2025-10-30T12:00:00Z to 2025-10-31T12:00:00Z at "
					+ "interval 1m makes 1440 points, more than the limit of 1000: use interval=5m or larger")));
		verifyNoInteractions(this.series);
	}

	@Test
	void whenCoinIsUnknownThen404EvenIfOtherParametersAreBadToo() throws Exception {
		this.mvc.perform(get("/api/v1/coins/{coin}/candles", "bitcoin' OR 1=1 --").param("interval", "2m"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("urn:cryptoviz:problem:unknown-coin"))
			.andExpect(jsonPath("$.detail").value(startsWith("Unknown coin 'bitcoin' OR 1=1 --'")));
		verifyNoInteractions(this.series);
	}

	@Test
	void whenCandlesThenOhlcPerBucketWithVolumeNullWhenUnknown() throws Exception {
		given(this.series.candles("solana", Currency.EUR, HOURLY_CANDLES_OF_THE_LAST_DAY, Interval.ONE_HOUR))
			.willReturn(List.of(new Candle(Instant.parse("2025-10-31T10:00:00Z"), 170, 175.5, 168, 171, null)));

		this.mvc.perform(get("/api/v1/coins/solana/candles").param("currency", "EUR").param("interval", "1h"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.currency").value("eur"))
			.andExpect(jsonPath("$.interval").value("1h"))
			.andExpect(jsonPath("$.tiers.length()").value(1))
			.andExpect(jsonPath("$.tiers[0].tier").value("1h"))
			.andExpect(jsonPath("$.tiers[0].from").value("2025-10-30T12:00:00Z"))
			.andExpect(jsonPath("$.tiers[0].to").value("2025-10-31T12:00:00Z"))
			.andExpect(jsonPath("$.candles[0].time").value("2025-10-31T10:00:00Z"))
			.andExpect(jsonPath("$.candles[0].open").value(170.0))
			.andExpect(jsonPath("$.candles[0].high").value(175.5))
			.andExpect(jsonPath("$.candles[0].low").value(168.0))
			.andExpect(jsonPath("$.candles[0].close").value(171.0))
			.andExpect(jsonPath("$.candles[0].volume_24h").value(nullValue()));
	}

	@Test
	void whenCandlesCurrencyIsUnknownThen400NamingIt() throws Exception {
		this.mvc.perform(get("/api/v1/coins/solana/candles").param("currency", "gbp"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("currency"))
			.andExpect(jsonPath("$.detail").value("currency 'gbp' is not one of usd, eur."));
	}

	@Test
	void whenInfluxDbIsDownThen503() throws Exception {
		given(this.series.candles(any(), any(), any(), any()))
			.willThrow(new InfluxUnavailableException("down", 0, null, new RuntimeException()));

		this.mvc.perform(get("/api/v1/coins/solana/candles"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(jsonPath("$.type").value("urn:cryptoviz:problem:influxdb-unavailable"));
	}

}
