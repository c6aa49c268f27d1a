package io.cryptoviz.api.latest;

import java.util.List;

import io.cryptoviz.api.coin.Coins;
import io.cryptoviz.api.problem.NoDataException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Coins and latest prices")
@ApiResponse(responseCode = "503", description = "InfluxDB unavailable")
class LatestController {

	private final LatestPrices latest;

	private final Coins coins;

	LatestController(LatestPrices latest, Coins coins) {
		this.latest = latest;
		this.coins = coins;
	}

	@GetMapping("/api/v1/coins")
	@Operation(summary = "The tracked coins, with the time of their latest tick")
	@ApiResponse(responseCode = "200", description = "every tracked coin, in the configured order")
	List<CoinSummary> coins() {
		return this.coins.all()
			.stream()
			.map((coin) -> new CoinSummary(coin, this.latest.of(coin).map(LatestPrice::timestamp).orElse(null)))
			.toList();
	}

	@GetMapping("/api/v1/latest")
	@Operation(summary = "Every tracked coin's latest tick",
			description = "Coins without any stored tick are left out. Served from a cache of a few seconds.")
	@ApiResponse(responseCode = "200", description = "latest ticks, in the configured order of the coins")
	List<LatestPrice> all() {
		return this.latest.all();
	}

	@GetMapping("/api/v1/coins/{coin}/latest")
	@Operation(summary = "One coin's latest tick")
	@ApiResponse(responseCode = "200", description = "the latest tick")
	@ApiResponse(responseCode = "404", description = "unknown coin, or no tick stored yet")
	LatestPrice one(@Parameter(description = "coin id", example = "bitcoin") @PathVariable String coin) {
		String known = this.coins.require(coin);
		return this.latest.of(known)
			.orElseThrow(() -> new NoDataException("No tick of " + known + " is stored yet."));
	}

}
