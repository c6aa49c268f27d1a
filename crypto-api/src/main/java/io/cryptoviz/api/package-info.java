/**
 * The API: latest and historical prices from InfluxDB, a live stream of ticks, and a web page.
 */
@NullMarked
package io.cryptoviz.api;

import org.jspecify.annotations.NullMarked;
