package io.cryptoviz.api.latest;

import java.time.Instant;
import java.util.Optional;

import io.cryptoviz.api.ApiSliceTests;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.nullValue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class CoinsControllerTests extends ApiSliceTests {

	@Test
	void whenCoinsThenEveryCoinOfTheDataByIdWithItsLatestTickTimeOrNull() throws Exception {
		given(this.latest.of(anyString())).willReturn(Optional.empty());
		given(this.latest.of("ethereum")).willReturn(Optional.of(new LatestPrice("ethereum", 3860.0, null, null, null,
				null, Instant.parse("2025-10-31T11:59:41Z"), "coingecko")));

		this.mvc.perform(get("/api/v1/coins"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].id").value(contains("bitcoin", "cardano", "ethereum", "polkadot", "solana")))
			.andExpect(jsonPath("$[0].latest_tick").value(nullValue()))
			.andExpect(jsonPath("$[2].latest_tick").value("2025-10-31T11:59:41Z"));
	}

}
