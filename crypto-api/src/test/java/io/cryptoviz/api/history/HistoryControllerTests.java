package io.cryptoviz.api.history;

import java.time.Instant;
import java.util.Optional;

import io.cryptoviz.api.ApiSliceTests;
import io.cryptoviz.history.HistoryStatus;
import io.cryptoviz.history.HistoryStatus.State;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.json.JsonCompareMode;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class HistoryControllerTests extends ApiSliceTests {

	@Autowired
	private HistoryProgress history;

	@Test
	void whenNoProducerHasLoadedHistoryYetThen204() throws Exception {
		given(this.history.latest()).willReturn(Optional.empty());

		this.mvc.perform(get("/api/v1/history/progress")).andExpect(status().isNoContent());
	}

	@Test
	void whenTheProducerLoadsThenItsProgressWithTheTopicsFieldNames() throws Exception {
		given(this.history.latest()).willReturn(Optional.of(new HistoryStatus(State.LOADING, 42.5, 3, 5, 17, 23, 4096,
				"backfill", null, "producer-1", Instant.parse("2025-10-31T12:00:00Z"))));

		this.mvc.perform(get("/api/v1/history/progress"))
			.andExpect(status().isOk())
			.andExpect(content().json("""
					{"state":"loading","percent":42.5,"coins_pending":3,"coins":5,"steps_done":17,"steps_left":23,
					"ticks_loaded":4096,"source":"backfill","instance":"producer-1","updated_at":"2025-10-31T12:00:00Z"}""",
					JsonCompareMode.STRICT));
	}

}
