/**
 * Operator commands against a CryptoViz InfluxDB, through the project's InfluxDB gateway.
 */
@NullMarked
package io.cryptoviz.ops;

import org.jspecify.annotations.NullMarked;
