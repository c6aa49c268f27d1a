/**
 * Every error as an RFC 9457 problem detail ({@code application/problem+json}): the exceptions
 * the features throw for bad requests, and the handlers that turn them, and anything else, into
 * problems.
 */
@NullMarked
package io.cryptoviz.api.problem;

import org.jspecify.annotations.NullMarked;
