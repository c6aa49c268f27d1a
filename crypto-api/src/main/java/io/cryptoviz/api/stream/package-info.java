/**
 * The live stream: ticks read from Kafka as they arrive, pushed to Server-Sent Events clients.
 */
@NullMarked
package io.cryptoviz.api.stream;

import org.jspecify.annotations.NullMarked;
