package io.cryptoviz.api.series;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.cryptoviz.api.series.SeriesResponses.Candle;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The candles of one coin for the features that compute on them (the indicators): the same
 * parameters, checks and query as {@code /api/v1/coins/{coin}/candles}, so whatever that endpoint
 * reads from (raw ticks, rollups, a cache) these read too.
 */
@Component
public class CandleReader {

	private final SeriesAnswers answers;

	private final PointBudget budget;

	private final Clock clock;

	CandleReader(SeriesAnswers answers, PointBudget budget, Clock clock) {
		this.answers = answers;
		this.budget = budget;
		this.clock = clock;
	}

	/**
	 * The candles asked for, parsed and checked as the candles endpoint does.
	 * @param coin a known coin
	 * @throws io.cryptoviz.api.problem.InvalidParameterException naming a bad parameter
	 * @throws io.cryptoviz.api.problem.TooManyPointsException when the range has too many buckets
	 */
	public Request request(String coin, @Nullable String currency, @Nullable String from, @Nullable String to,
			@Nullable String interval) {
		Currency parsedCurrency = Currency.parse("currency", currency);
		TimeRange range = TimeRange.parse(from, to, this.clock);
		return new Request(coin, parsedCurrency, range, this.budget.interval(interval, range, 1));
	}

	/**
	 * The candles of the request's coin, currency and interval whose buckets start from {@code from}
	 * (inclusive, a bucket's start) to {@code to} (exclusive), oldest first.
	 */
	public List<Ohlc> read(Request request, Instant from, Instant to) {
		Instant start = from.isBefore(TimeRange.EARLIEST) ? TimeRange.EARLIEST : from;
		if (!start.isBefore(to)) {
			return List.of();
		}
		return this.answers
			.candles(request.coin, request.currency, new TimeRange(start, to), request.interval, TierChoice.AUTO)
			.answer()
			.candles()
			.stream()
			.map(CandleReader::ohlc)
			.toList();
	}

	private static Ohlc ohlc(Candle candle) {
		return new Ohlc(candle.time(), candle.open(), candle.high(), candle.low(), candle.close());
	}

	/** The earliest time candles can be read from. */
	public static Instant earliest() {
		return TimeRange.EARLIEST;
	}

	/** A checked request for candles: one coin, currency, range and interval. */
	public static final class Request {

		private final String coin;

		private final Currency currency;

		private final TimeRange range;

		private final Interval interval;

		Request(String coin, Currency currency, TimeRange range, Interval interval) {
			this.coin = coin;
			this.currency = currency;
			this.range = range;
			this.interval = interval;
		}

		public String coin() {
			return this.coin;
		}

		public String currency() {
			return this.currency.id();
		}

		public String interval() {
			return this.interval.id();
		}

		public Duration intervalLength() {
			return this.interval.length();
		}

		public Instant from() {
			return this.range.from();
		}

		public Instant to() {
			return this.range.to();
		}

		/** The start of the bucket this instant falls in. */
		public Instant bucketStart(Instant instant) {
			return this.interval.bucketStart(instant);
		}

	}

	/**
	 * One candle.
	 *
	 * @param time start of the bucket
	 * @param open price of the bucket's first tick
	 * @param high highest price
	 * @param low lowest price
	 * @param close price of the bucket's last tick
	 */
	public record Ohlc(Instant time, double open, double high, double low, double close) {
	}

}
