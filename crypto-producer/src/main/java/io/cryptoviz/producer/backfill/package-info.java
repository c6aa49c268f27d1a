/**
 * The backfill command: loads CoinGecko's history ({@code /coins/{id}/market_chart/range}) for a
 * period and publishes it as ticks with {@code source=backfill}, through the same topic as the
 * live ticks.
 */
@NullMarked
package io.cryptoviz.producer.backfill;

import org.jspecify.annotations.NullMarked;
