package io.cryptoviz.api.indicators;

import io.cryptoviz.api.coin.Coins;
import io.cryptoviz.api.indicators.IndicatorAnswers.Indicators;
import io.cryptoviz.api.series.CandleReader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Indicators")
class IndicatorsController {

	private final Coins coins;

	private final CandleReader candles;

	private final IndicatorService indicators;

	IndicatorsController(Coins coins, CandleReader candles, IndicatorService indicators) {
		this.coins = coins;
		this.candles = candles;
		this.indicators = indicators;
	}

	@GetMapping("/api/v1/coins/{coin}/indicators")
	@Operation(summary = "Technical indicators over one coin's candles",
			description = "SMA, EMA, RSI, MACD (with signal and histogram) and Bollinger bands of the close prices, "
					+ "computed with ta4j. Enough candles before the range are read that each first value is valid; "
					+ "a value that cannot be computed (too few candles before it) is null, never 0.")
	@ApiResponse(responseCode = "200", description = "the candles' times and close prices, and each indicator's lines")
	@ApiResponse(responseCode = "400", description = "a malformed indicator list or parameter, or too many points")
	@ApiResponse(responseCode = "404", description = "unknown coin")
	@ApiResponse(responseCode = "503", description = "InfluxDB unavailable")
	Indicators indicators(@Parameter(description = "coin id", example = "bitcoin") @PathVariable String coin,
			@Parameter(description = "comma-separated type:param…: sma:PERIOD, ema:PERIOD, rsi:PERIOD, macd:FAST:SLOW:SIGNAL, bb:PERIOD:WIDTH; parameters left out take 20, 20, 14, 12:26:9, 20:2", example = IndicatorSpecs.EXAMPLE) @RequestParam(required = false) @Nullable String indicators,
			@Parameter(description = "usd or eur; default usd") @RequestParam(required = false) @Nullable String currency,
			@Parameter(description = "start, inclusive: ISO-8601 date-time with offset or date; default: 24 h before to") @RequestParam(required = false) @Nullable String from,
			@Parameter(description = "end, exclusive: ISO-8601 date-time with offset or date; default: now") @RequestParam(required = false) @Nullable String to,
			@Parameter(description = "bucket size: 1m, 5m, 15m, 1h, 4h, 1d, 1w; default: the smallest giving at most cryptoviz.api.query.default-points buckets", example = "1h") @RequestParam(required = false) @Nullable String interval) {
		String known = this.coins.require(coin);
		var specs = IndicatorSpecs.parse(indicators);
		return this.indicators.compute(specs, this.candles.request(known, currency, from, to, interval));
	}

}
