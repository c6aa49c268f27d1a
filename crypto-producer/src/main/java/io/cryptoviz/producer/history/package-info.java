/**
 * History that heals itself: on becoming the active producer, and whenever coins join or polls come back
 * after a gap, finds from the ticks' topic what is missing per coin and loads it in the background through
 * the price source's history (CoinGecko's market charts, or the simulated walk's past), recording what is
 * still to load on the compacted history topic so that a restart or another instance resumes it.
 */
@NullMarked
package io.cryptoviz.producer.history;

import org.jspecify.annotations.NullMarked;
