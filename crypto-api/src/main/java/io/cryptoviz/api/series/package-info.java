/**
 * Time series of one or several coins: history of a field, OHLC candles, and a comparison of
 * coins normalised to their change since the start of the range. Every parameter is parsed
 * into a value from a fixed set or an instant before a query is built.
 */
@NullMarked
package io.cryptoviz.api.series;

import org.jspecify.annotations.NullMarked;
