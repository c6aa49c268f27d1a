package io.cryptoviz.producer.universe;

import java.util.List;
import java.util.Set;

/**
 * The tracked coins changed: the first list, or a refresh of a {@code top:N} rule. A coin that left is no
 * longer polled; what was stored of it stays.
 *
 * @param coins the coins tracked now
 * @param entered coins tracked from now on
 * @param left coins no longer polled
 */
public record TrackedCoinsChanged(List<String> coins, Set<String> entered, Set<String> left) {

	public TrackedCoinsChanged {
		coins = List.copyOf(coins);
		entered = Set.copyOf(entered);
		left = Set.copyOf(left);
	}

}
