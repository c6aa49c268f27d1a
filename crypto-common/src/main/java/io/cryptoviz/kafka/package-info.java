/**
 * Kafka settings shared by the services.
 */
@NullMarked
package io.cryptoviz.kafka;

import org.jspecify.annotations.NullMarked;
