/**
 * The producer: polls prices and publishes them as ticks to topic {@code crypto-prices}.
 */
@NullMarked
package io.cryptoviz.producer;

import org.jspecify.annotations.NullMarked;
