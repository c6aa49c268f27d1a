/**
 * InfluxDB: the schema of CryptoViz's points, and the gateway through which every part of the
 * project writes and queries them.
 */
@NullMarked
package io.cryptoviz.influx;

import org.jspecify.annotations.NullMarked;
