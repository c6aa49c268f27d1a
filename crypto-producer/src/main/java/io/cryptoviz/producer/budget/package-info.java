/**
 * The call budget: CoinGecko's plans and their limits, the polling cadence they allow, and the one
 * budget every CoinGecko call spends from (live prices, the coin list, the pro key check, history).
 */
@NullMarked
package io.cryptoviz.producer.budget;

import org.jspecify.annotations.NullMarked;
