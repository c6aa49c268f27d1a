package io.cryptoviz.api.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import io.cryptoviz.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The versions of series ranges, from ticks received; without Kafka, nothing is ever known stored. */
class TickLedgerTests {

	private static final Instant NOW = Instant.parse("2025-10-31T12:00:00Z");

	private final MutableClock clock = new MutableClock(NOW);

	private final TickLedger ledger = new TickLedger(null, "crypto-prices", "crypto-consumer", Duration.ofMillis(100),
			Duration.ofMinutes(21), this.clock, new SimpleMeterRegistry());

	@Test
	void aRangeWithoutTicksReceivedHasVersionZero() {
		assertThat(this.ledger.version(List.of("bitcoin"), NOW.minusSeconds(3600), NOW)).isEqualTo(OptionalLong.of(0));
	}

	@Test
	void aRangeHoldingATickNotKnownStoredHasNoVersionAndOthersKeepTheirs() {
		this.ledger.received("bitcoin", NOW.minusSeconds(60), 1, 41);

		assertThat(this.ledger.version(List.of("bitcoin"), NOW.minusSeconds(3600), NOW)).isEmpty();
		assertThat(this.ledger.version(List.of("ethereum", "bitcoin"), NOW.minusSeconds(3600), NOW)).isEmpty();
		assertThat(this.ledger.version(List.of("ethereum"), NOW.minusSeconds(3600), NOW)).hasValue(0);
		// to is exclusive
		assertThat(this.ledger.version(List.of("bitcoin"), NOW.minusSeconds(7200), NOW.minusSeconds(60))).hasValue(0);
	}

	@Test
	void ticksOfOneCoinAnHourApartAreRememberedApartAndForgottenAfterTheirTime() {
		this.ledger.received("bitcoin", Instant.parse("2025-10-01T10:00:00Z"), 1, 1);
		this.ledger.received("bitcoin", Instant.parse("2025-10-01T10:59:00Z"), 1, 2);
		this.ledger.received("bitcoin", Instant.parse("2025-10-20T10:00:00Z"), 1, 3);

		TickLedger.CoinTicks ticks = ticksOf("bitcoin");
		assertThat(ticks.spans()).extracting(TickLedger.Span::from, TickLedger.Span::to, TickLedger.Span::seq)
			.containsExactly(
					tuple(Instant.parse("2025-10-01T10:00:00Z"),
							Instant.parse("2025-10-01T10:59:00Z"), 2L),
					tuple(Instant.parse("2025-10-20T10:00:00Z"),
							Instant.parse("2025-10-20T10:00:00Z"), 3L));

		this.clock.advance(Duration.ofMinutes(22));
		this.ledger.received("bitcoin", NOW, 1, 4);
		assertThat(ticksOf("bitcoin").spans()).extracting(TickLedger.Span::from).containsExactly(NOW);
	}

	@Test
	void aStoredTickChangesTheVersionOfTheRangesItFallsIn() {
		TickLedger.CoinTicks received = TickLedger.CoinTicks.NONE.received(7, NOW.minusSeconds(60), 2, 100, NOW,
				NOW.minusSeconds(600));
		TickLedger.CoinTicks committedBefore = received.storedUpTo(Map.of(
				new TopicPartition("crypto-prices", 2),
				new OffsetAndMetadata(100)), "crypto-prices");
		TickLedger.CoinTicks committedPast = received.storedUpTo(Map.of(
				new TopicPartition("crypto-prices", 2),
				new OffsetAndMetadata(101)), "crypto-prices");

		assertThat(committedBefore.unstored()).isNotNull();
		assertThat(committedPast.unstored()).isNull();
		assertThat(committedPast.spans()).extracting(TickLedger.Span::seq).containsExactly(7L);
	}

	private TickLedger.CoinTicks ticksOf(String coin) {
		return this.ledger.ticksOf(coin);
	}

}
