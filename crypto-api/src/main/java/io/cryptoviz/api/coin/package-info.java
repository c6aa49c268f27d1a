/**
 * The coins the API serves: the tracked ones, and no other.
 */
@NullMarked
package io.cryptoviz.api.coin;

import org.jspecify.annotations.NullMarked;
