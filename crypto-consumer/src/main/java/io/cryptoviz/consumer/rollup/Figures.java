package io.cryptoviz.consumer.rollup;

import java.util.Map;

import io.cryptoviz.influx.Row;
import io.cryptoviz.rollup.CandleSchema;
import org.jspecify.annotations.Nullable;

/**
 * The figures of a candle, and of one tick as a candle of its own: open, high, low, close, sum
 * and count of each currency, the last volume and market cap. {@code NaN} stands for "no value",
 * as a missing field does in InfluxDB; such a field is left out of the line, never written as 0.
 * Immutable, so a bucket's members can be compared and replaced like InfluxDB's points.
 */
final class Figures {

	/** The figures of {@link CandleSchema#FIELDS}, in the same order, and where each is kept. */
	private static final int CLOSE_EUR = 0, CLOSE_USD = 1, HIGH_EUR = 2, HIGH_USD = 3, LOW_EUR = 4, LOW_USD = 5,
			MARKET_CAP = 6, OPEN_EUR = 7, OPEN_USD = 8, SUM_EUR = 9, SUM_USD = 10, TICKS = 11, TICKS_EUR = 12,
			VOLUME = 13, COUNT = 14;

	/**
	 * The figures that are the first value there is, and those that are the last: one list for
	 * {@link #aggregate} and {@link #followedBy}, which must agree to the bit.
	 */
	private static final int[] FIRSTS = { OPEN_USD, OPEN_EUR }, LASTS = { CLOSE_USD, CLOSE_EUR, VOLUME, MARKET_CAP };

	private final double[] values;

	private Figures(double[] values) {
		this.values = values;
	}

	/**
	 * One raw point: its USD and EUR price, volume and market cap ({@code NaN} for none). A point
	 * without a USD price (written by another tool) counts no tick, as InfluxDB's
	 * {@code count(price_usd)} counts none.
	 */
	static Figures ofPoint(double usd, double eur, double volume, double marketCap) {
		double[] values = new double[COUNT];
		price(values, usd, TICKS, OPEN_USD, HIGH_USD, LOW_USD, CLOSE_USD, SUM_USD);
		price(values, eur, TICKS_EUR, OPEN_EUR, HIGH_EUR, LOW_EUR, CLOSE_EUR, SUM_EUR);
		values[VOLUME] = volume;
		values[MARKET_CAP] = marketCap;
		return new Figures(values);
	}

	/**
	 * The point stored when this one is written again with {@code newer}'s fields: InfluxDB keeps
	 * a field the second write leaves out, so a replayed tick without its EUR price keeps the EUR
	 * price of the first.
	 */
	Figures overwrittenBy(Figures newer) {
		return ofPoint(either(newer.values[OPEN_USD], this.values[OPEN_USD]),
				either(newer.values[OPEN_EUR], this.values[OPEN_EUR]), either(newer.values[VOLUME], this.values[VOLUME]),
				either(newer.values[MARKET_CAP], this.values[MARKET_CAP]));
	}

	/** A stored candle, a row of {@link CandleSchema#FIELDS}; {@code null} when it has no USD price. */
	static @Nullable Figures of(Row row) {
		double[] values = new double[COUNT];
		for (int i = 0; i < COUNT; i++) {
			Double value = row.number(CandleSchema.FIELDS.get(i));
			values[i] = (value != null) ? value : Double.NaN;
		}
		return Double.isNaN(values[OPEN_USD]) ? null : new Figures(values);
	}

	/**
	 * The candle of a bucket from its members in time order, as InfluxQL aggregates them: open
	 * and close are {@code first} and {@code last} of the values there are, high and low
	 * {@code max} and {@code min}, sums and counts add up, volume and market cap are {@code last}.
	 * Members at the same time (ticks of two sources in one millisecond) are settled as InfluxDB
	 * settles them: {@code first} and {@code last} take the larger value.
	 * @param times the members' times, ascending
	 */
	static @Nullable Figures aggregate(long[] times, Figures[] members, int size) {
		double[] values = new double[COUNT];
		java.util.Arrays.fill(values, Double.NaN);
		long[] firstAt = new long[COUNT];
		long[] lastAt = new long[COUNT];
		for (int m = 0; m < size; m++) {
			double[] member = members[m].values;
			long time = times[m];
			for (int field : FIRSTS) {
				first(values, firstAt, field, member[field], time);
			}
			for (int field : LASTS) {
				last(values, lastAt, field, member[field], time);
			}
			mergeExtremesAndSums(values, member);
		}
		return Double.isNaN(values[OPEN_USD]) ? null : new Figures(values);
	}

	/**
	 * This candle with a member later than all of its own merged in: what {@link #aggregate}
	 * gives for the members and then that one, to the last bit (the sums add in the same order).
	 */
	Figures followedBy(Figures later) {
		double[] values = this.values.clone();
		double[] member = later.values;
		for (int field : FIRSTS) {
			if (Double.isNaN(values[field])) {
				values[field] = member[field];
			}
		}
		for (int field : LASTS) {
			if (!Double.isNaN(member[field])) {
				values[field] = member[field];
			}
		}
		mergeExtremesAndSums(values, member);
		return new Figures(values);
	}

	/** Appends {@code name=value} of every figure there is, comma-separated, in {@link CandleSchema#FIELDS} order. */
	StringBuilder appendFields(StringBuilder line) {
		boolean first = true;
		for (int i = 0; i < COUNT; i++) {
			double value = this.values[i];
			if (!Double.isNaN(value)) {
				line.append(first ? "" : ",").append(CandleSchema.FIELDS.get(i)).append('=').append(value);
				first = false;
			}
		}
		return line;
	}

	/** The figures there are, by {@link CandleSchema} field name. */
	Map<String, Double> byName() {
		Map<String, Double> fields = new java.util.TreeMap<>();
		for (int i = 0; i < COUNT; i++) {
			if (!Double.isNaN(this.values[i])) {
				fields.put(CandleSchema.FIELDS.get(i), this.values[i]);
			}
		}
		return fields;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		// NaN equals NaN here, as "no value" equals "no value"
		return other instanceof Figures figures && java.util.Arrays.equals(this.values, figures.values);
	}

	@Override
	public int hashCode() {
		return java.util.Arrays.hashCode(this.values);
	}

	@Override
	public String toString() {
		return byName().toString();
	}

	/** One price as a candle of one: open, high, low, close and sum are the price, the count 1 (none without a price). */
	private static void price(double[] values, double price, int count, int... figures) {
		for (int figure : figures) {
			values[figure] = price;
		}
		values[count] = Double.isNaN(price) ? Double.NaN : 1;
	}

	/** High and low, sums and counts, with one member more (the next in time order, as the sums add up). */
	private static void mergeExtremesAndSums(double[] values, double[] member) {
		max(values, HIGH_USD, member[HIGH_USD]);
		max(values, HIGH_EUR, member[HIGH_EUR]);
		min(values, LOW_USD, member[LOW_USD]);
		min(values, LOW_EUR, member[LOW_EUR]);
		add(values, SUM_USD, member[SUM_USD]);
		add(values, SUM_EUR, member[SUM_EUR]);
		add(values, TICKS, member[TICKS]);
		add(values, TICKS_EUR, member[TICKS_EUR]);
	}

	private static double either(double preferred, double otherwise) {
		return Double.isNaN(preferred) ? otherwise : preferred;
	}

	private static void first(double[] values, long[] at, int field, double value, long time) {
		if (!Double.isNaN(value) && (Double.isNaN(values[field]) || (time == at[field] && value > values[field]))) {
			values[field] = value;
			at[field] = time;
		}
	}

	private static void last(double[] values, long[] at, int field, double value, long time) {
		if (!Double.isNaN(value)
				&& (Double.isNaN(values[field]) || time > at[field] || (time == at[field] && value > values[field]))) {
			values[field] = value;
			at[field] = time;
		}
	}

	private static void max(double[] values, int field, double value) {
		if (!Double.isNaN(value) && (Double.isNaN(values[field]) || value > values[field])) {
			values[field] = value;
		}
	}

	private static void min(double[] values, int field, double value) {
		if (!Double.isNaN(value) && (Double.isNaN(values[field]) || value < values[field])) {
			values[field] = value;
		}
	}

	private static void add(double[] values, int field, double value) {
		if (!Double.isNaN(value)) {
			values[field] = Double.isNaN(values[field]) ? value : values[field] + value;
		}
	}

}
