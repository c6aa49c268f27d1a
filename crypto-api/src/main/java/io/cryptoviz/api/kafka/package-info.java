/**
 * Kafka plumbing the API's features share: reading compacted topics whole, outside any consumer group.
 */
@NullMarked
package io.cryptoviz.api.kafka;

import org.jspecify.annotations.NullMarked;
