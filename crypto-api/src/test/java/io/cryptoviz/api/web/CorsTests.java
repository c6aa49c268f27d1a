package io.cryptoviz.api.web;

import java.util.List;

import io.cryptoviz.api.ApiSliceTests;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class CorsTests extends ApiSliceTests {

	@Test
	void whenAnAllowedOriginReadsTheApiThenItIsAllowed() throws Exception {
		given(this.latest.all()).willReturn(List.of());

		this.mvc.perform(get("/api/v1/latest").header(HttpHeaders.ORIGIN, "https://dashboard.example"))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://dashboard.example"));
	}

	@Test
	void whenAnOriginMatchesAnAllowedPatternThenItIsAllowed() throws Exception {
		this.mvc
			.perform(options("/api/v1/coins/bitcoin/history").header(HttpHeaders.ORIGIN, "https://eu.cryptoviz.example")
				.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET"))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://eu.cryptoviz.example"))
			.andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET,HEAD"));
	}

	@Test
	void whenAnotherOriginAsksThenItIsRefusedWithAProblem() throws Exception {
		this.mvc
			.perform(options("/api/v1/latest").header(HttpHeaders.ORIGIN, "https://evil.example")
				.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET"))
			.andExpect(status().isForbidden())
			.andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(403));
	}

	@Test
	void whenAnAllowedOriginTriesToWriteThenItIsRefused() throws Exception {
		this.mvc
			.perform(options("/api/v1/latest").header(HttpHeaders.ORIGIN, "https://dashboard.example")
				.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "DELETE"))
			.andExpect(status().isForbidden());
	}

}
