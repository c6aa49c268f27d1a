package io.cryptoviz.influx;

import org.jspecify.annotations.Nullable;

/**
 * Where a write goes or a query reads: a database of the v1 API and, optionally, one of its
 * retention policies. Raw ticks and derived series may live in different targets (a retention
 * policy on 1.x, a bucket and its DBRP mapping on 2.x, a database on 3.x).
 *
 * @param database the database; on InfluxDB 2.x a bucket name
 * @param retentionPolicy the retention policy, {@code null} for the database's default
 */
public record InfluxTarget(String database, @Nullable String retentionPolicy) {

	public InfluxTarget {
		if (database == null || database.isBlank()) {
			throw new IllegalArgumentException("An InfluxDB target needs a database");
		}
		retentionPolicy = (retentionPolicy == null || retentionPolicy.isBlank()) ? null : retentionPolicy;
	}

	/** The database with its default retention policy. */
	public static InfluxTarget database(String database) {
		return new InfluxTarget(database, null);
	}

	@Override
	public String toString() {
		return "'" + this.database + "'" + ((this.retentionPolicy != null) ? " (retention policy '"
				+ this.retentionPolicy + "')" : "");
	}

}
