package io.cryptoviz.producer.source;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What a price source says of one coin, before it becomes a tick. Any figure may be missing;
 * deciding what a missing or odd figure means is the poller's job, not the source's.
 *
 * @param coin coin id
 * @param usd price in USD
 * @param eur price in EUR
 * @param change24h 24 h change of the USD price, in percent
 * @param marketCap market capitalisation in USD
 * @param volume24h 24 h volume in USD
 * @param lastUpdatedAt when the source last updated the figures
 */
public record CoinQuote(String coin, @Nullable Double usd, @Nullable Double eur, @Nullable Double change24h,
		@Nullable Double marketCap, @Nullable Double volume24h, @Nullable Instant lastUpdatedAt) {
}
