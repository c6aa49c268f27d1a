package io.cryptoviz.api.stream;

import java.util.Set;

import io.cryptoviz.api.coin.Coins;
import io.cryptoviz.api.latest.LatestPrice;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@Tag(name = "Live stream")
class StreamController {

	private final Coins coins;

	private final TickBroadcaster broadcaster;

	StreamController(Coins coins, TickBroadcaster broadcaster) {
		this.coins = coins;
		this.broadcaster = broadcaster;
	}

	@GetMapping(path = "/api/v1/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@Operation(summary = "New ticks as they arrive (Server-Sent Events)",
			description = "Each tick is an event named 'tick' whose data is the tick as /api/v1/latest shows it. "
					+ "Ticks of a backfill (past data being loaded) are not streamed. Comment lines keep the "
					+ "connection alive; the stream ends after cryptoviz.api.stream.timeout and EventSource "
					+ "clients reconnect by themselves.")
	@ApiResponse(responseCode = "200", description = "the stream",
			content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(implementation = LatestPrice.class)))
	@ApiResponse(responseCode = "400", description = "malformed coins: an empty entry, more coins than there are")
	@ApiResponse(responseCode = "404", description = "unknown coin")
	@ApiResponse(responseCode = "503", description = "every stream slot is taken (Retry-After says when to retry)")
	SseEmitter stream(
			@Parameter(description = "comma-separated coin ids; default: every coin, those that appear later too", example = "bitcoin,ethereum") @RequestParam(required = false) @Nullable String coins) {
		// without coins, every coin: those that appear while the stream is open too
		return this.broadcaster.subscribe((coins == null || coins.isBlank()) ? null
				: Set.copyOf(this.coins.requireAll("coins", coins)));
	}

}
