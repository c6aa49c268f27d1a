/**
 * What CryptoViz's HTTP clients share.
 */
@NullMarked
package io.cryptoviz.http;

import org.jspecify.annotations.NullMarked;
