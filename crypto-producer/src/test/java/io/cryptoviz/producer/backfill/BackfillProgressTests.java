package io.cryptoviz.producer.backfill;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.cryptoviz.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackfillProgressTests {

	private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

	private final MutableClock clock = new MutableClock(NOW);

	private final BackfillPlan plan = BackfillPlan.of(List.of("bitcoin", "ethereum"), NOW.minus(Duration.ofDays(30)),
			NOW, NOW, Duration.ofDays(90));

	@Test
	void saysWhichCoinAndChunkTicksSoFarRateAndTimeLeft() {
		BackfillProgress progress = new BackfillProgress(this.plan, this.clock);

		this.clock.advance(Duration.ofSeconds(5));
		String first = progress.stepDone("bitcoin", this.plan.chunks().get(0), merged(276, 0), 276);
		this.clock.advance(Duration.ofSeconds(5));
		String second = progress.stepDone("ethereum", this.plan.chunks().get(0), merged(276, 0), 276);

		assertThat(first).isEqualTo("bitcoin chunk 1/2 (2026-11-27T11:00:00Z to 2026-11-28T10:00:00Z, 5-minutely): "
				+ "276 ticks | 276 published, 1/4 steps, 55.2 ticks/s, ETA 15 s");
		assertThat(second).endsWith("552 published, 2/4 steps, 55.2 ticks/s, ETA 10 s");
	}

	@Test
	void sumsUpTheRun() {
		BackfillProgress progress = new BackfillProgress(this.plan, this.clock);
		this.plan.chunks().forEach((chunk) -> this.plan.coins().forEach((coin) -> {
			this.clock.advance(Duration.ofSeconds(5));
			progress.stepDone(coin, chunk, merged(100, 1), 100);
		}));

		BackfillReport report = progress.finished(9, 1);

		assertThat(report).isEqualTo(new BackfillReport(2, 2, 400, 9, 1, 4, 0, 4, Duration.ofSeconds(20)));
		assertThat(BackfillProgress.summary(report)).isEqualTo("Backfill done: 2 coins, 2 chunks each, 400 ticks published "
				+ "(source=backfill); 9 requests, 1 retry; 20 s (20.0 ticks/s); 4 ticks without price_eur, "
				+ "0 EUR points without a USD point, 4 entries skipped");
	}

	@Test
	void writesDurationsForPeople() {
		assertThat(BackfillProgress.duration(Duration.ofMillis(850))).isEqualTo("850 ms");
		assertThat(BackfillProgress.duration(Duration.ofMillis(2500))).isEqualTo("2.5 s");
		assertThat(BackfillProgress.duration(Duration.ofSeconds(200))).isEqualTo("3 min 20 s");
		assertThat(BackfillProgress.duration(Duration.ofMinutes(65))).isEqualTo("1 h 05 min");
	}

	private static SeriesMerger.Merged merged(int ticks, int withoutEurAndSkipped) {
		return new SeriesMerger.Merged(List.of(), withoutEurAndSkipped, 0, withoutEurAndSkipped);
	}

}
