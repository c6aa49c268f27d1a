package io.cryptoviz.api.series;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.cryptoviz.api.ApiProperties;
import io.cryptoviz.api.problem.TooManyPointsException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PointBudgetTests {

	private final PointBudget budget = new PointBudget(new ApiProperties(new ApiProperties.Query(1000, 400),
			new ApiProperties.Latest(Duration.ZERO),
			new ApiProperties.Stream(10, Duration.ofMinutes(1), Duration.ofSeconds(15), 16, "crypto-api"),
			new ApiProperties.Cors(List.of())));

	private final TimeRange day = new TimeRange(Instant.parse("2025-10-30T00:00:00Z"),
			Instant.parse("2025-10-31T00:00:00Z"));

	@Test
	void choosesAnIntervalFromTheRangeWhenNoneIsGiven() {
		assertThat(this.budget.interval(null, this.day, 1)).isEqualTo(Interval.FIVE_MINUTES);
		assertThat(this.budget.interval("", this.day, 1)).isEqualTo(Interval.FIVE_MINUTES);
	}

	@Test
	void sharesTheDefaultBudgetBetweenCoins() {
		// 400 points for 5 coins: 80 each, so 15-minute buckets (96) are too fine, hours (24) fit
		assertThat(this.budget.interval(null, this.day, 5)).isEqualTo(Interval.ONE_HOUR);
	}

	@Test
	void takesTheGivenIntervalWhenItFits() {
		assertThat(this.budget.interval("1h", this.day, 1)).isEqualTo(Interval.ONE_HOUR);
	}

	@Test
	void refusesTooManyPointsSayingHowToNarrowTheRequest() {
		assertThatExceptionOfType(TooManyPointsException.class)
			.isThrownBy(() -> this.budget.interval("1m", this.day, 1))
			.satisfies((ex) -> {
				assertThat(ex.points()).isEqualTo(1440);
				assertThat(ex.maxPoints()).isEqualTo(1000);
			})
			.withMessage("From 2025-10-30T00:00:00Z to 2025-10-31T00:00:00Z at interval 1m makes 1440 points, more "
					+ "than the limit of 1000: use interval=5m or larger, or shorten the range to at most 16h 39m "
					+ "at 1m.");
	}

	@Test
	void countsEveryComparedCoin() {
		assertThatExceptionOfType(TooManyPointsException.class)
			.isThrownBy(() -> this.budget.interval("5m", this.day, 5))
			.satisfies((ex) -> assertThat(ex.points()).isEqualTo(1440))
			.withMessageContaining("(5 coins)")
			.withMessageContaining("use interval=15m or larger")
			.withMessageEndingWith("or compare fewer coins.");
	}

	@Test
	void refusesARangeNoIntervalCanCover() {
		TimeRange centuries = new TimeRange(Instant.EPOCH, TimeRange.LATEST);

		assertThatExceptionOfType(TooManyPointsException.class)
			.isThrownBy(() -> this.budget.interval(null, centuries, 1))
			.withMessageContaining("at interval 1w")
			.withMessageContaining("shorten the range to at most 6993d at 1w");
	}

}
