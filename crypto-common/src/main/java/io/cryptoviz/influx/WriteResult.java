package io.cryptoviz.influx;

import java.util.Map;

/**
 * What became of a write: every line is stored except the rejected ones.
 *
 * @param written lines InfluxDB accepted
 * @param rejected index of each line InfluxDB refused (400, 413, 422), with its reason
 */
public record WriteResult(int written, Map<Integer, String> rejected) {

	public WriteResult {
		rejected = Map.copyOf(rejected);
	}

}
