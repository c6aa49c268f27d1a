package io.cryptoviz.producer.backfill;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class BackfillPlanTests {

	private static final Instant NOW = Instant.parse("2026-11-28T10:17:42.512Z");

	private static final Duration NINETY_DAYS = Duration.ofDays(90);

	private static final List<String> COINS = List.of("bitcoin", "ethereum");

	@Test
	void aPeriodWithinTheLastDayIsOneFiveMinutelyChunkThatHoldsItsEnd() {
		BackfillPlan plan = BackfillPlan.of(COINS, NOW.minus(Duration.ofHours(6)), NOW, NOW, NINETY_DAYS);

		assertThat(plan.chunks()).singleElement().satisfies((chunk) -> {
			assertThat(chunk.from()).isEqualTo("2026-11-28T04:17:42Z");
			assertThat(chunk.to()).isEqualTo("2026-11-28T10:17:43Z");
			assertThat(chunk.granularity()).isEqualTo(Granularity.FIVE_MINUTELY);
			assertThat(chunk.endInclusive()).isTrue();
		});
		assertThat(plan.steps()).isEqualTo(2);
	}

	@Test
	void thirtyDaysAreTheLast23HoursFiveMinutelyThenTheRestHourlyNewestFirst() {
		BackfillPlan plan = BackfillPlan.of(COINS, NOW.minus(Duration.ofDays(30)), NOW, NOW, NINETY_DAYS);

		assertThat(plan.chunks()).extracting(Chunk::number, Chunk::from, Chunk::to, Chunk::granularity)
			.containsExactly(
					tuple(1, Instant.parse("2026-11-27T11:17:42Z"), Instant.parse("2026-11-28T10:17:43Z"),
							Granularity.FIVE_MINUTELY),
					tuple(2, Instant.parse("2026-10-29T10:17:42Z"), Instant.parse("2026-11-27T11:17:42Z"),
							Granularity.HOURLY));
	}

	@Test
	void aYearIsCutIntoHourlyChunksOfAtMost90DaysThatCoverThePeriodWithoutOverlap() {
		Instant from = NOW.minus(Duration.ofDays(365));
		BackfillPlan plan = BackfillPlan.of(COINS, from, NOW, NOW, NINETY_DAYS);

		assertThat(plan.chunks()).hasSize(6);
		assertThat(plan.chunks().get(0).granularity()).isEqualTo(Granularity.FIVE_MINUTELY);
		assertThat(plan.chunks().subList(1, 6)).allSatisfy((chunk) -> {
			assertThat(chunk.granularity()).isEqualTo(Granularity.HOURLY);
			assertThat(Duration.between(chunk.from(), chunk.to())).isLessThanOrEqualTo(NINETY_DAYS);
			assertThat(chunk.endInclusive()).isFalse();
		});
		// newest first, each chunk ending where the older one starts
		for (int i = 1; i < plan.chunks().size(); i++) {
			assertThat(plan.chunks().get(i).to()).isEqualTo(plan.chunks().get(i - 1).from());
		}
		assertThat(plan.chunks().get(5).from()).isEqualTo(plan.from()).isEqualTo("2025-11-28T10:17:42Z");
		assertThat(plan.chunks().get(0).to()).isEqualTo(plan.to());
		// cut from the start of the period, so the cuts stay put when the period is run again later
		assertThat(plan.chunks().get(4).from()).isEqualTo(from.plus(NINETY_DAYS).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
	}

	@Test
	void aPeriodOlderThanADayIsHourlyAndItsNewestChunkHoldsItsEnd() {
		Instant from = Instant.parse("2026-11-20T00:00:00Z");
		Instant to = Instant.parse("2026-11-22T00:00:00Z");

		BackfillPlan plan = BackfillPlan.of(COINS, from, to, NOW, NINETY_DAYS);

		assertThat(plan.chunks()).singleElement()
			.isEqualTo(new Chunk(1, from, to, Granularity.HOURLY, true));
	}

	@Test
	void chunksLongerThan90DaysComeDaily() {
		Instant from = Instant.parse("2026-01-01T00:00:00Z");
		Instant to = Instant.parse("2026-07-01T00:00:00Z");

		BackfillPlan plan = BackfillPlan.of(COINS, from, to, NOW, Duration.ofDays(365));

		assertThat(plan.chunks()).singleElement().extracting(Chunk::granularity).isEqualTo(Granularity.DAILY);
	}

	@Test
	void aChunkHoldsItsStartButNotItsEndUnlessItIsTheNewest() {
		Instant from = Instant.parse("2026-11-20T00:00:00Z");
		Instant to = Instant.parse("2026-11-22T00:00:00Z");
		BackfillPlan plan = BackfillPlan.of(COINS, from, to, NOW, Duration.ofDays(1));

		Chunk newest = plan.chunks().get(0);
		Chunk older = plan.chunks().get(1);
		long seam = Instant.parse("2026-11-21T00:00:00Z").toEpochMilli();

		assertThat(older.contains(seam - 1)).isTrue();
		assertThat(older.contains(seam)).isFalse();
		assertThat(newest.contains(seam)).isTrue();
		assertThat(newest.contains(to.toEpochMilli())).isTrue();
		assertThat(newest.contains(to.toEpochMilli() + 1)).isFalse();
		assertThat(older.contains(from.toEpochMilli() - 1)).isFalse();
	}

}
