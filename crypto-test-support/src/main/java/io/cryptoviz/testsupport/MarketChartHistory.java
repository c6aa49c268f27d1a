package io.cryptoviz.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A made-up but repeatable history for {@code /coins/{id}/market_chart/range}, answered in the
 * shape of {@code coingecko/market_chart_range.json} and with CoinGecko's automatic granularity:
 * 5-minutely for a request of at most a day within the last day, hourly for up to 90 days, daily
 * beyond. The times carry odd milliseconds as CoinGecko's do ({@code 1730333100037}); hourly and
 * daily points are 5-minute points, so every point has one time and one set of figures, whichever
 * request returns it. EUR points share the USD times, except every seventh, which is 250 ms later.
 */
public final class MarketChartHistory {

	public static final String PATH = "/coins/";

	private static final long FIVE_MINUTES = Duration.ofMinutes(5).toMillis();

	private static final long DAY = Duration.ofDays(1).toMillis();

	private static final long EUR_SHIFT = 250;

	private MarketChartHistory() {
	}

	/** Answers a market chart request as CoinGecko would at the time {@code now} gives. */
	public static Function<CoinGeckoStub.RecordedRequest, StubResponse> answering(Supplier<Instant> now) {
		return (request) -> {
			String[] path = request.path().split("/");
			if (path.length != 5 || !path[3].equals("market_chart") || !path[4].equals("range")) {
				return StubResponse.status(404, "{\"error\":\"Not Found\"}");
			}
			String currency = request.queryParameter("vs_currency");
			String from = request.queryParameter("from");
			String to = request.queryParameter("to");
			if (currency == null || from == null || to == null) {
				return StubResponse.status(400, "{\"error\":\"vs_currency, from and to are required\"}");
			}
			Instant start = Instant.ofEpochSecond(Long.parseLong(from));
			Instant end = Instant.ofEpochSecond(Long.parseLong(to));
			return StubResponse.ok(json(points(path[2], currency, start, end, granularity(start, end, now.get()))));
		};
	}

	/** The spacing CoinGecko picks for a request of this span at this time, in milliseconds. */
	public static long granularity(Instant from, Instant to, Instant now) {
		long span = to.toEpochMilli() - from.toEpochMilli();
		if (span <= DAY && !from.isBefore(now.minusMillis(DAY))) {
			return FIVE_MINUTES;
		}
		return (span <= 90 * DAY) ? 12 * FIVE_MINUTES : 288 * FIVE_MINUTES;
	}

	/** The points a request answers: every point of the spacing from {@code from} to {@code to}, both included. */
	public static List<Point> points(String coin, String currency, Instant from, Instant to, long spacing) {
		long step = spacing / FIVE_MINUTES;
		long first = Math.floorDiv(from.toEpochMilli(), spacing) * step;
		List<Point> points = new ArrayList<>();
		for (long k = first; time(k, currency) <= to.toEpochMilli(); k += step) {
			if (time(k, currency) >= from.toEpochMilli()) {
				points.add(point(coin, currency, k));
			}
		}
		return points;
	}

	/** The time of the k-th 5-minute point: odd milliseconds, and EUR later for every seventh. */
	static long time(long k, String currency) {
		long usd = k * FIVE_MINUTES + (37 * k) % 1000;
		return (currency.equals("eur") && k % 7 == 0) ? usd + EUR_SHIFT : usd;
	}

	private static Point point(String coin, String currency, long k) {
		double base = switch (coin) {
			case "bitcoin" -> 72000;
			case "ethereum" -> 2600;
			default -> 1 + Math.floorMod(coin.hashCode(), 100);
		};
		double usd = round(base * (1 + 0.05 * Math.sin(k / 37.0) + 0.01 * Math.cos(k / 5.0)), 8);
		double price = currency.equals("eur") ? round(usd * 0.92, 8) : usd;
		double supply = switch (coin) {
			case "bitcoin" -> 19_780_000;
			case "ethereum" -> 120_400_000;
			default -> 1_000_000_000;
		};
		return new Point(time(k, currency), price, round(price * supply, 2),
				round(price * supply * (0.02 + 0.001 * (k % 13)), 2));
	}

	private static double round(double value, int decimals) {
		double scale = Math.pow(10, decimals);
		return Math.round(value * scale) / scale;
	}

	private static String json(List<Point> points) {
		StringBuilder prices = new StringBuilder();
		StringBuilder caps = new StringBuilder();
		StringBuilder volumes = new StringBuilder();
		for (Point point : points) {
			String separator = (prices.length() > 0) ? "," : "";
			prices.append(separator).append(pair(point.time(), point.price()));
			caps.append(separator).append(pair(point.time(), point.marketCap()));
			volumes.append(separator).append(pair(point.time(), point.volume()));
		}
		return "{\"prices\":[" + prices + "],\"market_caps\":[" + caps + "],\"total_volumes\":[" + volumes + "]}";
	}

	private static String pair(long time, double value) {
		return "[" + time + "," + String.format(Locale.ROOT, "%s", value) + "]";
	}

	/**
	 * One point of the history in one currency.
	 *
	 * @param time epoch milliseconds
	 * @param price price
	 * @param marketCap market capitalisation
	 * @param volume 24 h volume
	 */
	public record Point(long time, double price, double marketCap, double volume) {
	}

}
