package io.cryptoviz.api.series;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.cryptoviz.api.cache.CacheConfiguration;
import io.cryptoviz.api.cache.CachesProperties;
import io.cryptoviz.api.series.SeriesResponses.Sparklines;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Component;

/**
 * The sparklines' answers, each read from InfluxDB at most once per
 * {@code cryptoviz.api.caches.sparklines.ttl} (60 s by default). Only the current hour's mean
 * changes while an answer is served, so that is all it can be behind by; a new hour, another
 * currency or another set of coins (a coin the stream brought) is another answer. However many
 * clients ask at once for an answer not yet cached, InfluxDB gets one query: the others wait
 * for its result.
 */
@Component
class SparklineAnswers {

	/** What a sparkline spans, and its bucket: 24 or 25 hourly values a coin. */
	static final Duration SPAN = Duration.ofDays(1);

	static final Interval INTERVAL = Interval.ONE_HOUR;

	private final SeriesQueries queries;

	private final Duration ttl;

	private final Clock clock;

	SparklineAnswers(SeriesQueries queries, CachesProperties caches, Clock clock) {
		this.queries = queries;
		this.ttl = caches.sparklines().ttl();
		this.clock = clock;
	}

	/** The start of the first bucket of the sparklines asked for at this time: the hour 24 hours before. */
	static Instant firstHour(Instant now) {
		return now.minus(SPAN).truncatedTo(ChronoUnit.HOURS);
	}

	/**
	 * The sparklines from {@code from} until now, now being when they are read from InfluxDB
	 * (the answer's {@code to}).
	 * @param coins the coins, each known
	 * @param everyCoin whether they are every coin there is
	 * @param from the first hour, {@link #firstHour(Instant)}
	 */
	@Cacheable(cacheNames = CacheConfiguration.SPARKLINES, sync = true)
	public Sparklines of(List<String> coins, boolean everyCoin, Currency currency, Instant from) {
		Instant to = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		TimeRange range = new TimeRange(from, to);
		return new Sparklines(currency.id(), INTERVAL.id(), from, to,
				this.queries.sparklines(coins, everyCoin, currency, range, INTERVAL));
	}

	/** Whether answers are kept at all ({@code ttl} 0 s reads InfluxDB on every request). */
	boolean cached() {
		return !this.ttl.isZero();
	}

	/** How much longer than now the answer is served from the cache: at least nothing. */
	Duration freshFor(Sparklines answer) {
		Duration left = this.ttl.minus(Duration.between(answer.to(), this.clock.instant()));
		return left.isNegative() ? Duration.ZERO : left;
	}

}
