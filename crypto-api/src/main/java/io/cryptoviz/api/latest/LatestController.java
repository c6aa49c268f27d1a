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
	@Operation(summary = "The coins there are, with the time of their latest tick",
			description = "The coins of which InfluxDB holds a tick or the live stream has seen one: whatever the "
					+ "producer tracks, and those it tracked before.")
	@ApiResponse(responseCode = "200", description = "every coin, by id in alphabetical order")
	List<CoinSummary> coins() {
		return this.coins.all()
			.stream()
			.map((coin) -> new CoinSummary(coin, this.latest.of(coin).map(LatestPrice::timestamp).orElse(null)))
			.toList();
	}

	@GetMapping("/api/v1/latest")
	@Operation(summary = "Every coin's latest tick", description = "Served from a cache of a few seconds.")
	@ApiResponse(responseCode = "200", description = "latest ticks, by coin id in alphabetical order")
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
