package io.cryptoviz.api.series;

import java.time.Clock;
import java.util.List;

import io.cryptoviz.api.coin.Coins;
import io.cryptoviz.api.series.SeriesResponses.ComparedCoin;
import io.cryptoviz.api.series.SeriesResponses.Comparison;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "History")
class CompareController {

	private final Coins coins;

	private final SeriesQueries queries;

	private final PointBudget budget;

	private final Clock clock;

	CompareController(Coins coins, SeriesQueries queries, PointBudget budget, Clock clock) {
		this.coins = coins;
		this.queries = queries;
		this.budget = budget;
		this.clock = clock;
	}

	@GetMapping("/api/v1/compare")
	@Operation(summary = "Several coins' performance over a range",
			description = "Each coin's mean price per interval, with its change in percent from the coin's first "
					+ "bucket in the range, so coins of any price compare on one scale.")
	@ApiResponse(responseCode = "200", description = "one series per coin, in the order asked")
	@ApiResponse(responseCode = "400", description = "a malformed, unknown or inconsistent parameter, or too many points",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "unknown coin",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "503", description = "InfluxDB unavailable",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
	Comparison compare(
			@Parameter(description = "comma-separated coin ids; default: every tracked coin", example = "bitcoin,ethereum") @RequestParam(required = false) @Nullable String coins,
			@Parameter(description = "usd or eur; default usd") @RequestParam(required = false) @Nullable String currency,
			@Parameter(description = SeriesController.FROM_DOC, example = "2025-10-01T00:00:00Z") @RequestParam(required = false) @Nullable String from,
			@Parameter(description = SeriesController.TO_DOC, example = "2025-10-31T00:00:00Z") @RequestParam(required = false) @Nullable String to,
			@Parameter(description = SeriesController.INTERVAL_DOC, example = "1d") @RequestParam(required = false) @Nullable String interval) {
		List<String> selected = this.coins.requireAll("coins", coins);
		Currency parsedCurrency = Currency.parse("currency", currency);
		TimeRange range = TimeRange.parse(from, to, this.clock);
		Interval parsedInterval = this.budget.interval(interval, range, selected.size());
		List<ComparedCoin> series = this.queries.compare(selected, parsedCurrency, range, parsedInterval)
			.entrySet()
			.stream()
			.map((entry) -> new ComparedCoin(entry.getKey(), entry.getValue()))
			.toList();
		return new Comparison(parsedCurrency.id(), parsedInterval.id(), range.from(), range.to(), series);
	}

}
