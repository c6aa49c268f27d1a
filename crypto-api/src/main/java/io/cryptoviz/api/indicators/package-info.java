/**
 * Technical indicators (moving averages, RSI, MACD, Bollinger bands) computed with ta4j over a coin's
 * candles, each read with enough earlier candles that its first value in the range is already valid.
 */
@NullMarked
package io.cryptoviz.api.indicators;

import org.jspecify.annotations.NullMarked;
