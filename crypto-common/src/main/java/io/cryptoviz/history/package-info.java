/**
 * The contract of the producer's history topic ({@code crypto-prices-history}): how far loading history
 * has come, which the API shows.
 */
@NullMarked
package io.cryptoviz.history;

import org.jspecify.annotations.NullMarked;
