package io.cryptoviz.producer.backfill;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.DefaultApplicationArguments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class BackfillRequestTests {

	private static final Instant NOW = Instant.parse("2026-11-28T10:17:42Z");

	private static final List<String> TRACKED = List.of("bitcoin", "ethereum", "cardano");

	@Test
	void aPeriodEndsNowAndCoversTheTrackedCoins() {
		BackfillRequest request = parse("--backfill", "--period=P30D");

		assertThat(request).isEqualTo(new BackfillRequest(TRACKED, NOW.minus(Duration.ofDays(30)), NOW));
		assertThat(parse("--backfill", "--period=12h").from()).isEqualTo(NOW.minus(Duration.ofHours(12)));
	}

	@Test
	void takesFromAndToAsInstantsOrDatesAndTheCoinsGiven() {
		BackfillRequest request = parse("--backfill", "--from=2026-10-01", "--to=2026-10-31T12:00:00+02:00",
				"--coins=ethereum, bitcoin,ethereum");

		assertThat(request).isEqualTo(new BackfillRequest(List.of("ethereum", "bitcoin"),
				Instant.parse("2026-10-01T00:00:00Z"), Instant.parse("2026-10-31T10:00:00Z")));
	}

	@Test
	void countsAPeriodBackFromToAndStopsAtNow() {
		assertThat(parse("--period=P2D", "--to=2026-11-10T00:00:00Z").from()).isEqualTo("2026-11-08T00:00:00Z");
		assertThat(parse("--from=2026-11-27T00:00:00Z", "--to=2027-01-01T00:00:00Z").to()).isEqualTo(NOW);
	}

	@Test
	void refusesWhatDoesNotMakeAPeriodWithAMessageThatSaysWhatToWrite() {
		assertThat(usageError("--backfill")).isEqualTo(BackfillRequest.USAGE);
		assertThat(usageError("--period=banana"))
			.isEqualTo("--period: 'banana' is not a duration; use days or hours, e.g. P30D, 30d, PT12H or 12h");
		assertThat(usageError("--period=P1M")).startsWith("--period: 'P1M' is not a duration");
		assertThat(usageError("--period=P30D", "--from=2026-10-01")).startsWith("give --period or --from, not both");
		assertThat(usageError("--from=yesterday"))
			.isEqualTo("--from: 'yesterday' is not an instant; use ISO-8601 with an offset, e.g. --from=2025-10-01T00:00:00Z");
		assertThat(usageError("--from=2026-11-20", "--to=2026-11-10")).isEqualTo(
				"--from (2026-11-20T00:00:00Z) must be before --to (2026-11-10T00:00:00Z)");
		assertThat(usageError("--period=P1D", "--coins=Bitcoin")).startsWith("--coins: 'Bitcoin' is not a CoinGecko coin id");
		assertThat(usageError("--period=P1D", "--coins=,")).startsWith("--coins is empty");
		assertThat(usageError("--period=P1D", "--period=P2D")).isEqualTo("--period takes one value, e.g. --period=P30D");
	}

	@Test
	void keepsWithinTheLast365DaysOnThePublicAndDemoPlans() {
		assertThat(usageError("--from=2025-10-01")).isEqualTo(
				"CoinGecko's public and demo plans serve the last 365 days only: start on or after 2025-11-28T11:17:42Z "
						+ "(a pro key, cryptoviz.coingecko.api-key-type=pro, serves more)");
		// a year back starts an hour later, so the oldest request is still within the year when it goes out
		assertThat(parse("--period=P365D").from()).isEqualTo("2025-11-28T11:17:42Z");
		assertThat(BackfillRequest.parse(arguments("--from=2025-10-01"), () -> TRACKED, NOW, false).from())
			.as("pro plan").isEqualTo("2025-10-01T00:00:00Z");
	}

	private static BackfillRequest parse(String... args) {
		return BackfillRequest.parse(arguments(args), () -> TRACKED, NOW, true);
	}

	private static String usageError(String... args) {
		BackfillException failure = catchThrowableOfType(BackfillException.class, () -> parse(args));
		assertThat(failure.isUsage()).isTrue();
		return failure.getMessage();
	}

	private static DefaultApplicationArguments arguments(String... args) {
		return new DefaultApplicationArguments(args);
	}

}
