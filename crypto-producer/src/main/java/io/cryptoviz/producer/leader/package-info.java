/**
 * One active producer among several: the instances join one consumer group on a one-partition topic,
 * and the one the group coordinator gives the partition to is active while it keeps confirming it
 * (a lease renewed by committing to the group). Duties that must run once go through
 * {@link io.cryptoviz.producer.leader.Leadership}.
 */
@NullMarked
package io.cryptoviz.producer.leader;

import org.jspecify.annotations.NullMarked;
