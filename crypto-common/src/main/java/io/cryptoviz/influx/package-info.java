/**
 * The InfluxDB schema of CryptoViz and the connection settings its services share.
 */
@NullMarked
package io.cryptoviz.influx;

import org.jspecify.annotations.NullMarked;
