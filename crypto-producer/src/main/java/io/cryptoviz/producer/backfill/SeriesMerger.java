package io.cryptoviz.producer.backfill;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.cryptoviz.tick.InvalidTickException;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickSource;
import org.jspecify.annotations.Nullable;

/**
 * Turns one chunk's USD and EUR market charts into ticks, one per USD price point, at the point's
 * own time to the millisecond.
 * <p>
 * The USD answer gives {@code price_usd}, and {@code market_cap} and {@code volume_24h} where its
 * series hold a figure at exactly the same millisecond. The EUR answer gives {@code price_eur}: the
 * EUR point at the same millisecond, or else the nearest one within the tolerance, provided that
 * this USD point is also the nearest to it (so no EUR figure serves two ticks). A USD point
 * without such a partner makes a tick without {@code price_eur}; a EUR point without a USD partner
 * makes none, since {@code price_usd} is required. Nothing else is made up: the history has no
 * 24 h change, so ticks have none; a market cap of 0 is CoinGecko's "unknown" and is left out.
 */
final class SeriesMerger {

	private final Duration tolerance;

	SeriesMerger(Duration tolerance) {
		this.tolerance = tolerance;
	}

	Merged merge(String coin, Chunk chunk, MarketChart usd, @Nullable MarketChart eur) {
		TreeMap<Long, Double> prices = inChunk(usd.prices(), chunk);
		Map<Long, Double> marketCaps = byTime(usd.marketCaps());
		Map<Long, Double> volumes = byTime(usd.totalVolumes());
		TreeMap<Long, Double> eurPrices = (eur != null) ? inChunk(eur.prices(), chunk) : new TreeMap<>();
		Map<Long, Double> eurByUsdTime = pair(prices, eurPrices);
		int unreadable = usd.unreadable() + ((eur != null) ? eur.unreadable() : 0);
		int invalid = 0;
		List<PriceTick> ticks = new ArrayList<>(prices.size());
		for (Map.Entry<Long, Double> price : prices.entrySet()) {
			long time = price.getKey();
			try {
				ticks.add(new PriceTick(coin, price.getValue(), positive(eurByUsdTime.get(time)), null,
						positive(marketCaps.get(time)), notNegative(volumes.get(time)), Instant.ofEpochMilli(time),
						TickSource.BACKFILL));
			}
			catch (InvalidTickException ex) {
				invalid++;
			}
		}
		int withoutEur = (eur != null) ? prices.size() - eurByUsdTime.size() : 0;
		return new Merged(ticks, withoutEur, eurPrices.size() - eurByUsdTime.size(), unreadable + invalid);
	}

	/** Mutual nearest neighbours within the tolerance, keyed by the USD time. */
	private Map<Long, Double> pair(TreeMap<Long, Double> usd, TreeMap<Long, Double> eur) {
		Map<Long, Double> paired = new HashMap<>();
		long tolerance = this.tolerance.toMillis();
		for (Long usdTime : usd.keySet()) {
			Long eurTime = nearest(eur, usdTime);
			if (eurTime != null && Math.abs(eurTime - usdTime) <= tolerance && usdTime.equals(nearest(usd, eurTime))) {
				paired.put(usdTime, eur.get(eurTime));
			}
		}
		return paired;
	}

	/** The key nearest to {@code time}; the earlier one when two are as near. */
	private static @Nullable Long nearest(TreeMap<Long, Double> series, long time) {
		Long below = series.floorKey(time);
		Long above = series.ceilingKey(time);
		if (below == null) {
			return above;
		}
		if (above == null) {
			return below;
		}
		return (above - time < time - below) ? above : below;
	}

	// A time twice in one series: the first figure counts, so a rerun picks the same one.
	private static TreeMap<Long, Double> inChunk(List<MarketChart.Point> points, Chunk chunk) {
		TreeMap<Long, Double> series = new TreeMap<>();
		for (MarketChart.Point point : points) {
			if (chunk.contains(point.time())) {
				series.putIfAbsent(point.time(), point.value());
			}
		}
		return series;
	}

	private static Map<Long, Double> byTime(List<MarketChart.Point> points) {
		Map<Long, Double> series = new HashMap<>();
		points.forEach((point) -> series.putIfAbsent(point.time(), point.value()));
		return series;
	}

	private static @Nullable Double positive(@Nullable Double value) {
		return (value != null && Double.isFinite(value) && value > 0) ? value : null;
	}

	private static @Nullable Double notNegative(@Nullable Double value) {
		return (value != null && Double.isFinite(value) && value >= 0) ? value : null;
	}

	/**
	 * @param ticks the ticks, oldest first
	 * @param withoutEur ticks without {@code price_eur} although EUR was asked for
	 * @param eurWithoutUsd EUR points left out for want of a USD point
	 * @param skipped entries left out as unreadable or invalid (e.g. a price of 0)
	 */
	record Merged(List<PriceTick> ticks, int withoutEur, int eurWithoutUsd, int skipped) {

		Merged {
			ticks = List.copyOf(ticks);
		}

	}

}
