package io.cryptoviz.api.series;

import java.time.Instant;
import java.util.List;

import io.cryptoviz.api.series.SeriesResponses.ComparedPoint;
import io.cryptoviz.api.series.SeriesResponses.Point;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ComparisonTests {

	private static final Instant T0 = Instant.parse("2025-10-31T10:00:00Z");

	@Test
	void normalisesToThePercentChangeFromTheFirstPoint() {
		List<ComparedPoint> compared = SeriesQueries
			.normalise(List.of(new Point(T0, 200), new Point(T0.plusSeconds(60), 210), new Point(T0.plusSeconds(120), 150)));

		assertThat(compared).extracting(ComparedPoint::value).containsExactly(200.0, 210.0, 150.0);
		assertThat(compared.get(0).changePct()).isZero();
		assertThat(compared.get(1).changePct()).isCloseTo(5.0, within(1e-9));
		assertThat(compared.get(2).changePct()).isCloseTo(-25.0, within(1e-9));
	}

	@Test
	void leavesASeriesThatStartsAtZeroEmptyRatherThanInfinite() {
		assertThat(SeriesQueries.normalise(List.of(new Point(T0, 0), new Point(T0.plusSeconds(60), 1)))).isEmpty();
		assertThat(SeriesQueries.normalise(List.of())).isEmpty();
	}

}
