/**
 * Candle rollups: recomputed from the raw ticks after each poll is stored, and rebuilt for a
 * period by the {@code --rebuild-rollups} command.
 */
@NullMarked
package io.cryptoviz.consumer.rollup;

import org.jspecify.annotations.NullMarked;
