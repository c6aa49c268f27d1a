package io.cryptoviz.producer.history;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SpanTests {

	private static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

	@Test
	void whatIsLeftOfASpanIsWhatTheDoneSpanDoesNotCover() {
		Span span = span(0, 10);

		assertThat(span.minus(span(5, 10))).containsExactly(span(0, 5));
		assertThat(span.minus(span(0, 10))).isEmpty();
		assertThat(span.minus(span(-5, 20))).isEmpty();
		assertThat(span.minus(span(3, 6))).containsExactly(span(0, 3), span(6, 10));
		assertThat(span.minus(span(20, 30))).containsExactly(span);
	}

	@Test
	void mergesOverlappingAndTouchingSpansNewestFirst() {
		assertThat(Span.merge(List.of(span(0, 5), span(20, 30), span(5, 8), span(7, 12))))
			.containsExactly(span(20, 30), span(0, 12));
	}

	@Test
	void aSpanEndsAfterItStarts() {
		assertThatIllegalArgumentException().isThrownBy(() -> span(5, 5));
	}

	private static Span span(int fromMinutes, int toMinutes) {
		return new Span(T.plusSeconds(60L * fromMinutes), T.plusSeconds(60L * toMinutes));
	}

}
