/**
 * The latest tick of every coin, and the list of coins with the time of their latest tick.
 */
@NullMarked
package io.cryptoviz.api.latest;

import org.jspecify.annotations.NullMarked;
