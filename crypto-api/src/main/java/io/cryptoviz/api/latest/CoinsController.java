package io.cryptoviz.api.latest;

import java.util.List;

import io.cryptoviz.api.coin.Coins;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Coins")
class CoinsController {

	private final Coins coins;

	private final LatestPrices latest;

	CoinsController(Coins coins, LatestPrices latest) {
		this.coins = coins;
		this.latest = latest;
	}

	@GetMapping("/api/v1/coins")
	@Operation(summary = "The tracked coins, with the time of their latest tick")
	@ApiResponse(responseCode = "200", description = "every tracked coin, in the configured order")
	@ApiResponse(responseCode = "503", description = "InfluxDB unavailable",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	List<CoinSummary> coins() {
		return this.coins.all()
			.stream()
			.map((coin) -> new CoinSummary(coin, this.latest.of(coin).map(LatestPrice::timestamp).orElse(null)))
			.toList();
	}

}
