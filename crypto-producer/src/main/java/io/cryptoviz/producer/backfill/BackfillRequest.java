package io.cryptoviz.producer.backfill;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import io.cryptoviz.tick.PriceTick;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.convert.DurationStyle;

/**
 * What the command line asks for: which coins, over which period.
 * <ul>
 * <li>{@code --period=P30D} (or {@code 30d}, {@code PT12H}, {@code 12h}): the period that ends now,
 * or at {@code --to};</li>
 * <li>{@code --from=2025-10-01T00:00:00Z} (or a date, {@code 2025-10-01}, midnight UTC) and
 * optionally {@code --to=...} (now when absent);</li>
 * <li>{@code --coins=bitcoin,ethereum}: the coins, {@code cryptoviz.coins} when absent.</li>
 * </ul>
 *
 * @param coins coin ids
 * @param from start of the period
 * @param to end of the period, not after now
 */
record BackfillRequest(List<String> coins, Instant from, Instant to) {

	/** How far back CoinGecko's public and demo plans serve history. */
	static final Duration PUBLIC_HISTORY = Duration.ofDays(365);

	static final Duration PUBLIC_HISTORY_MARGIN = Duration.ofHours(1);

	private static final Logger logger = LoggerFactory.getLogger(BackfillRequest.class);

	static final String USAGE = "say which period to load: --period=P30D, or --from=2025-10-01T00:00:00Z [--to=...]";

	BackfillRequest {
		coins = List.copyOf(coins);
	}

	/**
	 * @param args the command line
	 * @param trackedCoins the coins when {@code --coins} is absent, asked for only then
	 * @param now the current time
	 * @param historyLimited whether CoinGecko serves only the last {@link #PUBLIC_HISTORY} (public
	 * and demo plans)
	 * @throws BackfillException (usage) when the options do not make a period
	 */
	static BackfillRequest parse(ApplicationArguments args, Supplier<List<String>> trackedCoins, Instant now,
			boolean historyLimited) {
		String period = single(args, "period");
		String fromOption = single(args, "from");
		String toOption = single(args, "to");
		if (period != null && fromOption != null) {
			throw BackfillException.usage("give --period or --from, not both (--period counts back from --to, or now)");
		}
		if (period == null && fromOption == null) {
			throw BackfillException.usage(USAGE);
		}
		Instant to = (toOption != null) ? instant("to", toOption) : now;
		if (to.isAfter(now)) {
			to = now;
		}
		Instant from = (fromOption != null) ? instant("from", fromOption) : to.minus(duration(period));
		if (!from.isBefore(to)) {
			throw BackfillException.usage("--from (" + from + ") must be before --to (" + to + ")");
		}
		if (historyLimited) {
			from = withinPublicHistory(from, now);
		}
		return new BackfillRequest(coins(args, trackedCoins), from, to);
	}

	/**
	 * The start of the period, moved up to an hour later when it is on the edge of what CoinGecko's
	 * public and demo plans serve: the oldest chunk goes out last, when "365 days ago" has moved
	 * on, and must not be refused then. A start further back is refused, not cut short silently.
	 */
	private static Instant withinPublicHistory(Instant from, Instant now) {
		Instant oldest = now.minus(PUBLIC_HISTORY);
		Instant oldestSafe = oldest.plus(PUBLIC_HISTORY_MARGIN);
		if (from.isBefore(oldest.minus(PUBLIC_HISTORY_MARGIN))) {
			throw BackfillException.usage("CoinGecko's public and demo plans serve the last 365 days only: "
					+ "start on or after " + oldestSafe.truncatedTo(ChronoUnit.SECONDS)
					+ " (a pro key, cryptoviz.coingecko.api-key-type=pro, serves more)");
		}
		if (from.isBefore(oldestSafe)) {
			logger.info("Starting at {} rather than {}: CoinGecko's public and demo plans serve the last 365 days only",
					oldestSafe, from);
			return oldestSafe;
		}
		return from;
	}

	private static List<String> coins(ApplicationArguments args, Supplier<List<String>> trackedCoins) {
		String option = single(args, "coins");
		if (option == null) {
			return trackedCoins.get();
		}
		Set<String> coins = new LinkedHashSet<>();
		for (String coin : option.split(",")) {
			String id = coin.strip();
			if (id.isEmpty()) {
				continue;
			}
			if (!PriceTick.isCoinId(id)) {
				throw BackfillException.usage("--coins: '" + abbreviate(id)
						+ "' is not a CoinGecko coin id (lower-case letters, digits and '-', e.g. bitcoin)");
			}
			coins.add(id);
		}
		if (coins.isEmpty()) {
			throw BackfillException
				.usage("--coins is empty: name the coins by CoinGecko id, e.g. --coins=bitcoin,ethereum");
		}
		return new ArrayList<>(coins);
	}

	private static @Nullable String single(ApplicationArguments args, String name) {
		List<String> values = args.getOptionValues(name);
		if (values == null) {
			return null;
		}
		if (values.size() != 1 || values.get(0).isBlank()) {
			throw BackfillException.usage("--" + name + " takes one value, e.g. " + example(name));
		}
		return values.get(0).strip();
	}

	private static Duration duration(String value) {
		Duration duration;
		try {
			duration = DurationStyle.detectAndParse(value);
		}
		catch (IllegalArgumentException ex) {
			throw BackfillException.usage("--period: '" + abbreviate(value)
					+ "' is not a duration; use days or hours, e.g. P30D, 30d, PT12H or 12h");
		}
		if (duration.isNegative() || duration.isZero()) {
			throw BackfillException.usage("--period must be positive, was " + abbreviate(value));
		}
		return duration;
	}

	private static Instant instant(String name, String value) {
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException notATime) {
			try {
				return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			catch (DateTimeParseException notADate) {
				throw BackfillException.usage("--" + name + ": '" + abbreviate(value)
						+ "' is not an instant; use ISO-8601 with an offset, e.g. " + example(name));
			}
		}
	}

	private static String example(String name) {
		return switch (name) {
			case "period" -> "--period=P30D";
			case "coins" -> "--coins=bitcoin,ethereum";
			default -> "--" + name + "=2025-10-01T00:00:00Z";
		};
	}

	private static String abbreviate(String value) {
		return (value.length() <= 40) ? value : value.substring(0, 40) + "...";
	}

}
