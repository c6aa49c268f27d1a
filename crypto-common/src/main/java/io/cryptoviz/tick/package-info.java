/**
 * The tick contract of topic {@code crypto-prices}.
 */
@NullMarked
package io.cryptoviz.tick;

import org.jspecify.annotations.NullMarked;
