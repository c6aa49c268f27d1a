package io.cryptoviz.api.history;

import io.cryptoviz.history.HistoryStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "History")
class HistoryController {

	private final HistoryProgress progress;

	HistoryController(HistoryProgress progress) {
		this.progress = progress;
	}

	@GetMapping("/api/v1/history/progress")
	@Operation(summary = "How far the active producer has come loading missing history")
	@ApiResponse(responseCode = "200", description = "the producer's latest progress record")
	@ApiResponse(responseCode = "204", description = "no producer has loaded history yet")
	ResponseEntity<HistoryStatus> progress() {
		return this.progress.latest().map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
	}

}
