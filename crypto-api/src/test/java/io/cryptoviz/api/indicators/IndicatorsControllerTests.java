package io.cryptoviz.api.indicators;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cryptoviz.api.ApiSliceTests;
import io.cryptoviz.api.indicators.IndicatorAnswers.Indicators;
import io.cryptoviz.api.indicators.IndicatorAnswers.Lines;
import io.cryptoviz.api.series.CandleReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
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

class IndicatorsControllerTests extends ApiSliceTests {

	@Autowired
	private IndicatorService service;

	@Test
	void whenIndicatorsAreAskedThenEachIsParsedWithItsDefaultsAndTheCandlesParametersChecked() throws Exception {
		Map<String, List<Double>> lines = new LinkedHashMap<>();
		lines.put("value", Arrays.asList(null, 101.5));
		given(this.service.compute(any(), any())).willReturn(new Indicators("bitcoin", "eur", "1h",
				Instant.parse("2025-10-30T12:00:00Z"), NOW,
				List.of(Instant.parse("2025-10-31T10:00:00Z"), Instant.parse("2025-10-31T11:00:00Z")),
				List.of(100.0, 103.0), List.of(new Lines("sma:20", "sma", 19, lines))));

		this.mvc
			.perform(get("/api/v1/coins/bitcoin/indicators").param("indicators", "SMA, ema:12,rsi,macd:5:35,bb:20:2.5,sma:20")
				.param("currency", "eur")
				.param("interval", "1h"))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.coin").value("bitcoin"))
			.andExpect(jsonPath("$.times[1]").value("2025-10-31T11:00:00Z"))
			.andExpect(jsonPath("$.close[1]").value(103.0))
			.andExpect(jsonPath("$.indicators[0].id").value("sma:20"))
			.andExpect(jsonPath("$.indicators[0].warm_up").value(19))
			.andExpect(jsonPath("$.indicators[0].lines.value[0]").value(nullValue()))
			.andExpect(jsonPath("$.indicators[0].lines.value[1]").value(101.5));

		@SuppressWarnings("unchecked")
		ArgumentCaptor<List<IndicatorSpec>> specs = ArgumentCaptor.forClass(List.class);
		ArgumentCaptor<CandleReader.Request> request = ArgumentCaptor.forClass(CandleReader.Request.class);
		verify(this.service).compute(specs.capture(), request.capture());
		// the second sma:20 is the first one
		assertThat(specs.getValue()).containsExactly(new IndicatorSpec.Sma(20), new IndicatorSpec.Ema(12),
				new IndicatorSpec.Rsi(14), new IndicatorSpec.Macd(5, 35, 9), new IndicatorSpec.Bollinger(20, 2.5));
		assertThat(request.getValue().coin()).isEqualTo("bitcoin");
		assertThat(request.getValue().currency()).isEqualTo("eur");
		assertThat(request.getValue().interval()).isEqualTo("1h");
		assertThat(request.getValue().from()).isEqualTo(Instant.parse("2025-10-30T12:00:00Z"));
		assertThat(request.getValue().to()).isEqualTo(NOW);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			indicators | ''                 | indicators is required: a comma-separated list such as sma:20,ema:12,rsi:14,macd:12:26:9,bb:20:2.
			indicators | sma:20,,rsi        | indicators must be a comma-separated list such as
			indicators | wma:10             | indicators entry 'wma:10' is not one of sma, ema, rsi, macd, bb
			indicators | sma:20:3           | indicators entry 'sma:20:3' has too many parameters: sma:PERIOD.
			indicators | sma:0              | indicators entry 'sma:0': PERIOD must be a whole number of bars from 1 to 200.
			indicators | ema:201            | indicators entry 'ema:201': PERIOD must be a whole number of bars from 1 to 200.
			indicators | rsi:x              | indicators entry 'rsi:x': PERIOD must be a whole number of bars from 1 to 200.
			indicators | macd:26:12:9       | indicators entry 'macd:26:12:9': FAST (26) must be shorter than SLOW (12), as in macd:12:26:9.
			indicators | bb:20:0            | indicators entry 'bb:20:0': WIDTH must be a number of standard deviations above 0 and at most 10
			indicators | bb:20:NaN          | indicators entry 'bb:20:NaN': WIDTH must be a number
			indicators | sma,sma,sma,sma,sma,sma,sma,sma,sma,sma,sma | indicators names 11 indicators; at most 10 can be asked for at once.
			currency   | gbp                | currency 'gbp' is not one of usd, eur.
			interval   | 2h                 | interval '2h' is not one of 1m, 5m, 15m, 1h, 4h, 1d, 1w.
			from       | yesterday          | from 'yesterday' is not an ISO-8601 date-time with offset
			""")
	void whenAParameterIsBadThen400ProblemNamingIt(String parameter, String value, String detail) throws Exception {
		var request = get("/api/v1/coins/bitcoin/indicators").param(parameter, value);
		if (!parameter.equals("indicators")) {
			request.param("indicators", "sma:20");
		}
		this.mvc.perform(request)
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:cryptoviz:problem:invalid-parameter"))
			.andExpect(jsonPath("$.title").value("Invalid parameter"))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.parameter").value(parameter))
			.andExpect(jsonPath("$.instance").value("/api/v1/coins/bitcoin/indicators"))
			.andExpect(jsonPath("$.detail").value(startsWith(detail)));
		verifyNoInteractions(this.service);
	}

	@Test
	void whenTheRangeHasTooManyCandlesThen400SayingHowToNarrowIt() throws Exception {
		this.mvc.perform(get("/api/v1/coins/bitcoin/indicators").param("indicators", "rsi").param("interval", "1m"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:cryptoviz:problem:too-many-points"))
			.andExpect(jsonPath("$.points").value(1440));
		verifyNoInteractions(this.service);
	}

	@Test
	void whenTheCoinIsUnknownThen404BeforeAnythingElse() throws Exception {
		this.mvc.perform(get("/api/v1/coins/dogecoin/indicators").param("indicators", "wma"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("urn:cryptoviz:problem:unknown-coin"));
		verifyNoInteractions(this.service);
	}

}
