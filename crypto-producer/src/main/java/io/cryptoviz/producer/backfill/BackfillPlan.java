package io.cryptoviz.producer.backfill;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests of a backfill: the period cut into chunks that keep the finest granularity
 * CoinGecko's automatic choice allows, newest first, so the charts people look at most (the last
 * day) fill first.
 * <p>
 * CoinGecko picks the spacing of {@code market_chart/range} points by the span and age of the
 * request: 5-minutely for a day from the current time, hourly for up to 90 days anywhere else,
 * daily beyond. So the part of the period within the last {@link #RECENT_WINDOW} is one request
 * (5-minutely), and the rest is cut into requests of at most {@code maxChunk} (hourly while that is
 * at most 90 days). The recent window is an hour short of a day so that its request is still within
 * "a day from the current time" when it goes out, whatever waits come before it.
 *
 * @param coins the coins, in the order they are fetched within a chunk
 * @param from start of the period, a whole second
 * @param to end of the period (inclusive), a whole second
 * @param chunks the chunks, newest first
 */
record BackfillPlan(List<String> coins, Instant from, Instant to, List<Chunk> chunks) {

	static final Duration RECENT_WINDOW = Duration.ofHours(23);

	static final Duration LONGEST_HOURLY_SPAN = Duration.ofDays(90);

	BackfillPlan {
		coins = List.copyOf(coins);
		chunks = List.copyOf(chunks);
	}

	/**
	 * @param coins coin ids
	 * @param from start of the period
	 * @param to end of the period, not after {@code now}
	 * @param now the current time, which decides what is recent
	 * @param maxChunk longest span of one request older than the recent window
	 */
	static BackfillPlan of(List<String> coins, Instant from, Instant to, Instant now, Duration maxChunk) {
		Instant start = from.truncatedTo(ChronoUnit.SECONDS);
		Instant end = ceilToSecond(to);
		if (!start.isBefore(end)) {
			throw new IllegalArgumentException("The period is empty: " + from + " to " + to);
		}
		Instant recentStart = now.minus(RECENT_WINDOW).truncatedTo(ChronoUnit.SECONDS);
		List<Instant[]> spans = new ArrayList<>();
		List<Granularity> granularities = new ArrayList<>();
		if (end.isAfter(recentStart)) {
			spans.add(new Instant[] { start.isAfter(recentStart) ? start : recentStart, end });
			granularities.add(Granularity.FIVE_MINUTELY);
		}
		Instant olderEnd = end.isBefore(recentStart) ? end : recentStart;
		if (start.isBefore(olderEnd)) {
			// cut from the start of the period, so the cuts do not move when "now" does
			List<Instant[]> older = new ArrayList<>();
			for (Instant cut = start; cut.isBefore(olderEnd); cut = cut.plus(maxChunk)) {
				Instant next = cut.plus(maxChunk);
				older.add(new Instant[] { cut, next.isBefore(olderEnd) ? next : olderEnd });
			}
			for (int i = older.size() - 1; i >= 0; i--) {
				Instant[] span = older.get(i);
				spans.add(span);
				granularities.add((Duration.between(span[0], span[1]).compareTo(LONGEST_HOURLY_SPAN) <= 0)
						? Granularity.HOURLY : Granularity.DAILY);
			}
		}
		List<Chunk> chunks = new ArrayList<>(spans.size());
		for (int i = 0; i < spans.size(); i++) {
			chunks.add(new Chunk(i + 1, spans.get(i)[0], spans.get(i)[1], granularities.get(i), i == 0));
		}
		return new BackfillPlan(coins, start, end, chunks);
	}

	int steps() {
		return this.chunks.size() * this.coins.size();
	}

	private static Instant ceilToSecond(Instant instant) {
		Instant truncated = instant.truncatedTo(ChronoUnit.SECONDS);
		return truncated.equals(instant) ? truncated : truncated.plusSeconds(1);
	}

}
