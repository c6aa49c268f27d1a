/**
 * Rollups: OHLC candles per coin for a fixed ladder of intervals, derived from the raw ticks by
 * the pipeline itself, and how they are stored.
 */
@NullMarked
package io.cryptoviz.rollup;

import org.jspecify.annotations.NullMarked;
