/**
 * The consumer: reads ticks from topic {@code crypto-prices} and stores them in InfluxDB.
 */
@NullMarked
package io.cryptoviz.consumer;

import org.jspecify.annotations.NullMarked;
