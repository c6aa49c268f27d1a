package io.cryptoviz.producer.history;

/**
 * What one step of loading history covers: one coin's newest part of a span, as one request's worth (a
 * chunk of CoinGecko's market chart) or one go of the simulated walk.
 *
 * @param coin the coin
 * @param span the part of the span it covers
 * @param granularity the spacing of its points, for the log ({@code 5-minutely}, {@code hourly})
 * @param endInclusive whether a point exactly at the span's end belongs to this step (it ends the span)
 */
public record HistoryStep(String coin, Span span, String granularity, boolean endInclusive) {

	@Override
	public String toString() {
		return this.coin + " " + this.span + " (" + this.granularity + ")";
	}

}
