package io.cryptoviz.api.series;

import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;

import io.cryptoviz.api.cache.CacheConfiguration;
import io.cryptoviz.api.cache.CachesProperties;
import io.cryptoviz.api.cache.TickLedger;
import io.cryptoviz.api.series.SeriesResponses.Candles;
import io.cryptoviz.api.series.SeriesResponses.ComparedCoin;
import io.cryptoviz.api.series.SeriesResponses.Comparison;
import io.cryptoviz.api.series.SeriesResponses.History;
import io.cryptoviz.api.series.SeriesResponses.Tier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.stereotype.Component;

/**
 * The answers of history, candles and compare: each read from the tiers {@link Tiers} chooses,
 * and kept in its cache (Caffeine, behind Spring's cache abstraction) under the request and the
 * version of its range, which every tick the API reads from the topic in that range changes
 * ({@link TickLedger}). So an answer is never served once a tick of its range is stored, and
 * however many clients ask at once for an answer not cached, InfluxDB gets one query. While a
 * tick of the range is on its way into InfluxDB, the range is read on every request and not kept.
 * A cached answer is kept with its JSON ({@link SerializedAnswer}), written once.
 */
@Component
class SeriesAnswers {

	private final SeriesQueries queries;

	private final Tiers tiers;

	private final TickLedger ledger;

	private final CacheManager caches;

	private final CachesProperties settings;

	private final JsonMapper json;

	SeriesAnswers(SeriesQueries queries, Tiers tiers, TickLedger ledger, CacheManager caches,
			CachesProperties settings, JsonMapper json) {
		this.queries = queries;
		this.tiers = tiers;
		this.ledger = ledger;
		this.caches = caches;
		this.settings = settings;
		this.json = json;
	}

	SerializedAnswer<History> history(String coin, Field field, Aggregation aggregation, TimeRange range, Interval interval,
			TierChoice tier) {
		return cached(CacheConfiguration.HISTORY, this.settings.history(),
				new HistoryRequest(coin, field, aggregation, range, interval, tier), List.of(coin), range, () -> {
					TierPlan plan = this.tiers.plan(range, interval,
							Selection.history(field, aggregation).fromCandles(), tier);
					return new History(coin, field.id(), aggregation.id(), interval.id(), range.from(), range.to(),
							Tier.of(plan), this.queries.history(coin, field, aggregation, plan, interval));
				});
	}

	SerializedAnswer<Candles> candles(String coin, Currency currency, TimeRange range, Interval interval, TierChoice tier) {
		return cached(CacheConfiguration.CANDLES, this.settings.candles(),
				new CandlesRequest(coin, currency, range, interval, tier), List.of(coin), range, () -> {
					TierPlan plan = this.tiers.plan(range, interval, true, tier);
					return new Candles(coin, currency.id(), interval.id(), range.from(), range.to(), Tier.of(plan),
							this.queries.candles(coin, currency, plan, interval));
				});
	}

	SerializedAnswer<Comparison> compare(List<String> coins, Currency currency, TimeRange range, Interval interval, TierChoice tier) {
		return cached(CacheConfiguration.COMPARE, this.settings.compare(),
				new CompareRequest(coins, currency, range, interval, tier), coins, range, () -> {
					TierPlan plan = this.tiers.plan(range, interval, Selection.mean(currency).fromCandles(), tier);
					List<ComparedCoin> series = this.queries.compare(coins, currency, plan, interval)
						.entrySet()
						.stream()
						.map((entry) -> new ComparedCoin(entry.getKey(), entry.getValue()))
						.toList();
					return new Comparison(currency.id(), interval.id(), range.from(), range.to(), Tier.of(plan),
							series);
				});
	}

	private <T> SerializedAnswer<T> cached(String name, CachesProperties.Cache settings, Object request,
			Collection<String> coins, TimeRange range, Supplier<T> read) {
		@Nullable Cache cache = settings.enabled() ? this.caches.getCache(name) : null;
		// taken before the read, so that a tick received while it runs makes its answer one nobody asks for
		OptionalLong version = this.ledger.version(coins, range.from(), range.to());
		if (cache == null || version.isEmpty()) {
			return SerializedAnswer.unwritten(read.get());
		}
		try {
			return cache.get(new Key(request, version.getAsLong()),
					() -> SerializedAnswer.written(read.get(), this.json));
		}
		catch (Cache.ValueRetrievalException ex) {
			// the read's own failure (InfluxDB unavailable) answers as it would uncached
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw ex;
		}
	}

	private record Key(Object request, long version) {
	}

	private record HistoryRequest(String coin, Field field, Aggregation aggregation, TimeRange range,
			Interval interval, TierChoice tier) {
	}

	private record CandlesRequest(String coin, Currency currency, TimeRange range, Interval interval,
			TierChoice tier) {
	}

	private record CompareRequest(List<String> coins, Currency currency, TimeRange range, Interval interval,
			TierChoice tier) {
	}

}
