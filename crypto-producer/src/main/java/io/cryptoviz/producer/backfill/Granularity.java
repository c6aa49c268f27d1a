package io.cryptoviz.producer.backfill;

/** The spacing of the points CoinGecko answers for one request, which it picks by itself. */
enum Granularity {

	/** A request within the last day. */
	FIVE_MINUTELY("5-minutely"),

	/** A request of up to 90 days anywhere else. */
	HOURLY("hourly"),

	/** A request of more than 90 days. */
	DAILY("daily");

	private final String label;

	Granularity(String label) {
		this.label = label;
	}

	@Override
	public String toString() {
		return this.label;
	}

}
