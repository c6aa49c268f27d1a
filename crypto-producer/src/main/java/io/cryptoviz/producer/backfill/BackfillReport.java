package io.cryptoviz.producer.backfill;

import java.time.Duration;

/**
 * What a backfill did.
 *
 * @param coins coins loaded
 * @param chunks chunks per coin
 * @param ticksPublished ticks Kafka acknowledged
 * @param requests requests sent to CoinGecko, retries included
 * @param retries requests sent again after a rate limit or a failure
 * @param withoutEur ticks without {@code price_eur} although EUR was asked for
 * @param eurWithoutUsd EUR points left out for want of a USD point
 * @param skipped history entries left out as unreadable or invalid
 * @param elapsed how long it took
 */
record BackfillReport(int coins, int chunks, long ticksPublished, int requests, int retries, long withoutEur,
		long eurWithoutUsd, long skipped, Duration elapsed) {
}
