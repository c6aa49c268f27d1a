/**
 * The coins the API serves: those the data holds (InfluxDB and the live stream), and no other.
 */
@NullMarked
package io.cryptoviz.api.coin;

import org.jspecify.annotations.NullMarked;
