/**
 * Reading InfluxDB: InfluxQL statements through the client's {@code InfluxQLQueryApi}, answers
 * as typed rows, failures as one exception the API turns into a 503.
 */
@NullMarked
package io.cryptoviz.api.influx;

import org.jspecify.annotations.NullMarked;
