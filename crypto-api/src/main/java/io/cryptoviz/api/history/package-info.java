/**
 * How far the producer has come loading history, read from its history topic, for the page's "loading history"
 * line.
 */
@NullMarked
package io.cryptoviz.api.history;

import org.jspecify.annotations.NullMarked;
