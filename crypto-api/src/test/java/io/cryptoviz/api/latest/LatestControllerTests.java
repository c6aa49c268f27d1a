package io.cryptoviz.api.latest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.cryptoviz.api.ApiSliceTests;
import io.cryptoviz.influx.InfluxUnavailableException;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.hamcrest.Matchers.nullValue;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class LatestControllerTests extends ApiSliceTests {

	static final LatestPrice BITCOIN = new LatestPrice("bitcoin", 109724.51, 98432.1, 2.34, 2.18e12, 4.5e10,
			Instant.parse("2025-10-31T11:59:45Z"), "coingecko");

	static final LatestPrice CARDANO_BACKFILLED = new LatestPrice("cardano", 0.65, null, null, null, null,
			Instant.parse("2025-10-31T11:55:00Z"), "backfill");

	@Test
	void whenLatestThenEveryCoinsTickWithItsMissingFiguresAsNullNotZero() throws Exception {
		given(this.latest.all()).willReturn(List.of(BITCOIN, CARDANO_BACKFILLED));

		this.mvc.perform(get("/api/v1/latest"))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.length()").value(2))
			.andExpect(jsonPath("$[0].crypto").value("bitcoin"))
			.andExpect(jsonPath("$[0].price_usd").value(109724.51))
			.andExpect(jsonPath("$[0].price_eur").value(98432.1))
			.andExpect(jsonPath("$[0].change_24h").value(2.34))
			.andExpect(jsonPath("$[0].market_cap").value(2.18e12))
			.andExpect(jsonPath("$[0].volume_24h").value(4.5e10))
			.andExpect(jsonPath("$[0].timestamp").value("2025-10-31T11:59:45Z"))
			.andExpect(jsonPath("$[0].source").value("coingecko"))
			.andExpect(jsonPath("$[1].price_eur").value(nullValue()))
			.andExpect(jsonPath("$[1].change_24h").value(nullValue()))
			.andExpect(jsonPath("$[1].source").value("backfill"));
	}

	@Test
	void whenOneCoinsLatestThenItsTick() throws Exception {
		given(this.latest.of("bitcoin")).willReturn(Optional.of(BITCOIN));

		this.mvc.perform(get("/api/v1/coins/bitcoin/latest"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.crypto").value("bitcoin"))
			.andExpect(jsonPath("$.price_usd").value(109724.51));
	}

	@Test
	void whenUnknownCoinThen404ProblemWithoutAskingInfluxDb() throws Exception {
		this.mvc.perform(get("/api/v1/coins/dogecoin/latest"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:cryptoviz:problem:unknown-coin"))
			.andExpect(jsonPath("$.title").value("Unknown coin"))
			.andExpect(jsonPath("$.status").value(404))
			.andExpect(jsonPath("$.detail").value(
					"Unknown coin 'dogecoin': no tick of it is stored or streamed; /api/v1/coins lists the coins there are."))
			.andExpect(jsonPath("$.instance").value("/api/v1/coins/dogecoin/latest"));
		verifyNoInteractions(this.latest);
	}

	@Test
	void whenAKnownCoinsTickIsGoneThen404NoData() throws Exception {
		given(this.latest.of("solana")).willReturn(Optional.empty());

		this.mvc.perform(get("/api/v1/coins/solana/latest"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.type").value("urn:cryptoviz:problem:no-data"))
			.andExpect(jsonPath("$.detail").value("No tick of solana is stored yet."));
	}

	@Test
	void whenInfluxDbIsDownThen503ProblemWithRetryAfterAndNoInternals() throws Exception {
		given(this.latest.all()).willThrow(new InfluxUnavailableException("InfluxDB did not answer: Connection "
				+ "refused to 10.0.0.7:8086", 0, null, new java.io.IOException("Connection refused")));

		this.mvc.perform(get("/api/v1/latest"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(jsonPath("$.type").value("urn:cryptoviz:problem:influxdb-unavailable"))
			.andExpect(jsonPath("$.detail").value("The price database is not answering; try again shortly."));
	}

}
