package io.cryptoviz.api.stream;

import java.time.Duration;
import java.util.Set;

import io.cryptoviz.api.ApiSliceTests;
import io.cryptoviz.api.problem.ServiceFullException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class StreamControllerTests extends ApiSliceTests {

	@Autowired
	private TickBroadcaster broadcaster;

	@Test
	void whenStreamWithoutCoinsThenEveryCoinsTicksThoseOfCoinsToComeTooAsServerSentEvents() throws Exception {
		given(this.broadcaster.subscribe(any())).willReturn(new SseEmitter());

		this.mvc.perform(get("/api/v1/stream").accept(MediaType.TEXT_EVENT_STREAM))
			.andExpect(request().asyncStarted())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM));

		verify(this.broadcaster).subscribe(null);
	}

	@Test
	void whenStreamNamesCoinsThenOnlyTheirs() throws Exception {
		given(this.broadcaster.subscribe(any())).willReturn(new SseEmitter());

		this.mvc.perform(get("/api/v1/stream").param("coins", "solana,bitcoin")).andExpect(request().asyncStarted());

		verify(this.broadcaster).subscribe(Set.of("solana", "bitcoin"));
	}

	@Test
	void whenStreamNamesAnUnknownCoinThen404Problem() throws Exception {
		this.mvc.perform(get("/api/v1/stream").param("coins", "dogecoin").accept(MediaType.TEXT_EVENT_STREAM))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:cryptoviz:problem:unknown-coin"));
		verifyNoInteractions(this.broadcaster);
	}

	@Test
	void whenEveryStreamSlotIsTakenThen503ProblemWithRetryAfter() throws Exception {
		given(this.broadcaster.subscribe(any()))
			.willThrow(new ServiceFullException("All 200 live stream slots are taken; try again later.",
					Duration.ofSeconds(30)));

		this.mvc.perform(get("/api/v1/stream").accept(MediaType.TEXT_EVENT_STREAM))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string("Retry-After", "30"))
			.andExpect(jsonPath("$.type").value("urn:cryptoviz:problem:stream-full"))
			.andExpect(jsonPath("$.detail").value("All 200 live stream slots are taken; try again later."));
	}

}
