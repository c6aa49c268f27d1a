/**
 * The API's caches: one Caffeine cache manager behind Spring's cache abstraction, a cache by
 * name, each with its own lifetime and size bound ({@code cryptoviz.api.caches.*}).
 */
@NullMarked
package io.cryptoviz.api.cache;

import org.jspecify.annotations.NullMarked;
