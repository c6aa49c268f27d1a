package io.cryptoviz.api.series;

import java.time.Duration;
import java.util.Optional;

import io.cryptoviz.api.ApiProperties;
import io.cryptoviz.api.problem.TooManyPointsException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Chooses the interval of a series request and keeps its answer within
 * {@code cryptoviz.api.query.max-points}: with no interval given, the smallest one that gives at
 * most {@code default-points} buckets; with one given, a request over the limit is refused with
 * what would fit.
 */
@Component
class PointBudget {

	private final int maxPoints;

	private final int defaultPoints;

	PointBudget(ApiProperties properties) {
		this.maxPoints = properties.query().maxPoints();
		this.defaultPoints = properties.query().defaultPoints();
	}

	/**
	 * The interval to use for {@code series} series over the range.
	 * @param interval the {@code interval} parameter, {@code null} or blank for a default
	 * @throws io.cryptoviz.api.problem.InvalidParameterException for an unknown interval
	 * @throws TooManyPointsException when the answer would have more than the allowed points
	 */
	Interval interval(@Nullable String interval, TimeRange range, int series) {
		Interval chosen = (interval == null || interval.isBlank())
				? Interval.smallestWithin(range, Math.max(1, this.defaultPoints / series)).orElse(Interval.largest())
				: Interval.parse("interval", interval);
		long points = chosen.buckets(range) * series;
		if (points > this.maxPoints) {
			throw new TooManyPointsException(tooMany(chosen, range, series, points), points, this.maxPoints);
		}
		return chosen;
	}

	private String tooMany(Interval interval, TimeRange range, int series, long points) {
		StringBuilder message = new StringBuilder().append("From ")
			.append(range.from())
			.append(" to ")
			.append(range.to())
			.append(" at interval ")
			.append(interval.id())
			.append(" makes ")
			.append(points)
			.append(" points")
			.append((series > 1) ? " (" + series + " coins)" : "")
			.append(", more than the limit of ")
			.append(this.maxPoints)
			.append(": ");
		Optional<Interval> fits = Interval.smallestWithin(range, this.maxPoints / series);
		fits.ifPresent((larger) -> message.append("use interval=").append(larger.id()).append(" or larger, or "));
		Duration longest = interval.length().multipliedBy(Math.max(1, this.maxPoints / series - 1));
		message.append("shorten the range to at most ").append(human(longest)).append(" at ").append(interval.id());
		if (series > 1) {
			message.append(", or compare fewer coins");
		}
		return message.append('.').toString();
	}

	/** {@code 3d 11h 20m}. */
	static String human(Duration duration) {
		StringBuilder text = new StringBuilder();
		if (duration.toDays() > 0) {
			text.append(duration.toDays()).append('d');
		}
		if (duration.toHoursPart() > 0) {
			text.append((text.length() > 0) ? " " : "").append(duration.toHoursPart()).append('h');
		}
		if (duration.toMinutesPart() > 0 || text.length() == 0) {
			text.append((text.length() > 0) ? " " : "").append(duration.toMinutesPart()).append('m');
		}
		return text.toString();
	}

}
