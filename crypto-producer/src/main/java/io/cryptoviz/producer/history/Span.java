package io.cryptoviz.producer.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * A stretch of time whose history is to be loaded, {@code from} to {@code to}, both included.
 *
 * @param from start
 * @param to end, after the start
 */
public record Span(Instant from, Instant to) {

	public Span {
		if (!from.isBefore(to)) {
			throw new IllegalArgumentException("A span ends after it starts: " + from + " to " + to);
		}
	}

	/** What is left of this span once {@code done} is loaded: none, one or two spans. */
	List<Span> minus(Span done) {
		List<Span> left = new ArrayList<>(2);
		if (done.to.isBefore(this.from) || done.from.isAfter(this.to)) {
			left.add(this);
			return left;
		}
		if (this.from.isBefore(done.from)) {
			left.add(new Span(this.from, done.from));
		}
		if (done.to.isBefore(this.to)) {
			left.add(new Span(done.to, this.to));
		}
		return left;
	}

	/** The spans, overlapping or touching ones merged, newest first. */
	static List<Span> merge(List<Span> spans) {
		List<Span> sorted = new ArrayList<>(spans);
		sorted.sort(Comparator.comparing(Span::from));
		List<Span> merged = new ArrayList<>();
		for (Span span : sorted) {
			Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
			if (last != null && !span.from.isAfter(last.to)) {
				merged.set(merged.size() - 1, new Span(last.from, span.to.isAfter(last.to) ? span.to : last.to));
			}
			else {
				merged.add(span);
			}
		}
		Collections.reverse(merged);
		return merged;
	}

	@Override
	public String toString() {
		return this.from + " to " + this.to;
	}

}
