/**
 * Price alerts: rules kept in a compacted Kafka topic, evaluated on every tick by one API instance per
 * coin (a shared consumer group), fired alerts published to {@code crypto-alerts}, pushed to the live
 * stream, and delivered to each rule's webhook, signed, retried and dead-lettered.
 */
@NullMarked
package io.cryptoviz.api.alerts;

import org.jspecify.annotations.NullMarked;
