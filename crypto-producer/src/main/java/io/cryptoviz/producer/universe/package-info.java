/**
 * The coin universe: which coins are tracked, from {@code cryptoviz.coins} (fixed ids, a {@code top:N}
 * rule, or both), refreshed on a slow schedule.
 */
@NullMarked
package io.cryptoviz.producer.universe;

import org.jspecify.annotations.NullMarked;
