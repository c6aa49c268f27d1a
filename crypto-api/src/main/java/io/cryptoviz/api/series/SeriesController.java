package io.cryptoviz.api.series;

import java.time.Clock;
import java.util.List;

import io.cryptoviz.api.coin.Coins;
import io.cryptoviz.api.series.SeriesResponses.Candles;
import io.cryptoviz.api.series.SeriesResponses.Comparison;
import io.cryptoviz.api.series.SeriesResponses.History;
import io.cryptoviz.api.series.SeriesResponses.Sparklines;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "History")
@ApiResponse(responseCode = "400", description = "a malformed, unknown or inconsistent parameter, or too many points")
@ApiResponse(responseCode = "404", description = "unknown coin")
@ApiResponse(responseCode = "503", description = "InfluxDB unavailable")
class SeriesController {

	private static final String FROM_DOC = "start, inclusive: ISO-8601 date-time with offset or date; default: 24 h before to";

	private static final String TO_DOC = "end, exclusive: ISO-8601 date-time with offset or date; default: now";

	private static final String INTERVAL_DOC = "bucket size: 1m, 5m, 15m, 1h, 4h, 1d, 1w; default: the smallest giving at most "
			+ "cryptoviz.api.query.default-points buckets";

	private static final String TIER_DOC = "auto (default): the candles where they answer, the raw ticks elsewhere; "
			+ "raw: the raw ticks only";

	private final Coins coins;

	private final SeriesAnswers answers;

	private final PointBudget budget;

	private final SparklineAnswers sparklines;

	private final Clock clock;

	SeriesController(Coins coins, SeriesAnswers answers, PointBudget budget, SparklineAnswers sparklines,
			Clock clock) {
		this.coins = coins;
		this.answers = answers;
		this.budget = budget;
		this.sparklines = sparklines;
		this.clock = clock;
	}

	@GetMapping("/api/v1/coins/{coin}/history")
	@Operation(summary = "One field of one coin over a range, aggregated per interval")
	@ApiResponse(responseCode = "200", description = "the buckets that have ticks")
	SerializedAnswer<History> history(@Parameter(description = "coin id", example = "bitcoin") @PathVariable String coin,
			@Parameter(description = "price_usd, price_eur, change_24h, market_cap, volume_24h; default price_usd") @RequestParam(required = false) @Nullable String field,
			@Parameter(description = "mean, median, min, max, first, last; default mean") @RequestParam(required = false) @Nullable String aggregation,
			@Parameter(description = FROM_DOC, example = "2025-10-30T00:00:00Z") @RequestParam(required = false) @Nullable String from,
			@Parameter(description = TO_DOC, example = "2025-10-31T00:00:00Z") @RequestParam(required = false) @Nullable String to,
			@Parameter(description = INTERVAL_DOC, example = "5m") @RequestParam(required = false) @Nullable String interval,
			@Parameter(description = TIER_DOC) @RequestParam(required = false) @Nullable String tier) {
		// the parameters first: a bad one is the client's to fix, whether or not InfluxDB answers who the coins are
		Field parsedField = Field.parse("field", field);
		Aggregation parsedAggregation = Aggregation.parse("aggregation", aggregation);
		TierChoice parsedTier = TierChoice.parse("tier", tier);
		TimeRange range = TimeRange.parse(from, to, this.clock);
		Interval parsedInterval = this.budget.interval(interval, range, 1);
		String known = this.coins.require(coin);
		return this.answers.history(known, parsedField, parsedAggregation, range, parsedInterval, parsedTier);
	}

	@GetMapping("/api/v1/coins/{coin}/candles")
	@Operation(summary = "OHLC candles of one coin's price per interval")
	@ApiResponse(responseCode = "200", description = "the candles of the buckets that have ticks")
	SerializedAnswer<Candles> candles(@Parameter(description = "coin id", example = "bitcoin") @PathVariable String coin,
			@Parameter(description = "usd or eur; default usd") @RequestParam(required = false) @Nullable String currency,
			@Parameter(description = FROM_DOC, example = "2025-10-30T00:00:00Z") @RequestParam(required = false) @Nullable String from,
			@Parameter(description = TO_DOC, example = "2025-10-31T00:00:00Z") @RequestParam(required = false) @Nullable String to,
			@Parameter(description = INTERVAL_DOC, example = "1h") @RequestParam(required = false) @Nullable String interval,
			@Parameter(description = TIER_DOC) @RequestParam(required = false) @Nullable String tier) {
		String known = this.coins.require(coin);
		Currency parsedCurrency = Currency.parse("currency", currency);
		TierChoice parsedTier = TierChoice.parse("tier", tier);
		TimeRange range = TimeRange.parse(from, to, this.clock);
		Interval parsedInterval = this.budget.interval(interval, range, 1);
		return this.answers.candles(known, parsedCurrency, range, parsedInterval, parsedTier);
	}

	@GetMapping("/api/v1/compare")
	@Operation(summary = "Several coins' performance over a range",
			description = "Each coin's mean price per interval, with its change in percent from the coin's first "
					+ "bucket in the range, so coins of any price compare on one scale.")
	@ApiResponse(responseCode = "200", description = "one series per coin, in the order asked")
	SerializedAnswer<Comparison> compare(
			@Parameter(description = "comma-separated coin ids; default: every tracked coin", example = "bitcoin,ethereum") @RequestParam(required = false) @Nullable String coins,
			@Parameter(description = "usd or eur; default usd") @RequestParam(required = false) @Nullable String currency,
			@Parameter(description = FROM_DOC, example = "2025-10-01T00:00:00Z") @RequestParam(required = false) @Nullable String from,
			@Parameter(description = TO_DOC, example = "2025-10-31T00:00:00Z") @RequestParam(required = false) @Nullable String to,
			@Parameter(description = INTERVAL_DOC, example = "1d") @RequestParam(required = false) @Nullable String interval,
			@Parameter(description = TIER_DOC) @RequestParam(required = false) @Nullable String tier) {
		List<String> selected = this.coins.requireAll("coins", coins);
		Currency parsedCurrency = Currency.parse("currency", currency);
		TierChoice parsedTier = TierChoice.parse("tier", tier);
		TimeRange range = TimeRange.parse(from, to, this.clock);
		Interval parsedInterval = this.budget.interval(interval, range, selected.size());
		return this.answers.compare(selected, parsedCurrency, range, parsedInterval, parsedTier);
	}

	@GetMapping("/api/v1/sparklines")
	@Operation(summary = "Every coin's price over the last 24 hours, for sparklines, in one answer",
			description = "The mean price per hour from the start of the hour 24 hours ago until now, as one value "
					+ "per hour (null for an hour without ticks), so a page draws every coin's sparkline from one "
					+ "request. Values are rounded to 6 significant digits: they are for drawing.")
	@ApiResponse(responseCode = "200", description = "one sparkline per coin, in the order asked (default: by coin id)")
	ResponseEntity<Sparklines> sparklines(
			@Parameter(description = "comma-separated coin ids; default: every coin", example = "bitcoin,ethereum") @RequestParam(required = false) @Nullable String coins,
			@Parameter(description = "usd or eur; default usd") @RequestParam(required = false) @Nullable String currency) {
		List<String> selected = this.coins.requireAll("coins", coins);
		Currency parsedCurrency = Currency.parse("currency", currency);
		Sparklines answer = this.sparklines.of(selected, coins == null || coins.isBlank(), parsedCurrency,
				SparklineAnswers.firstHour(this.clock.instant()));
		// a browser may keep it for what is left of its lifetime here: it is never older than that
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(this.sparklines.freshFor(answer)).cachePrivate())
			.body(answer);
	}

}
