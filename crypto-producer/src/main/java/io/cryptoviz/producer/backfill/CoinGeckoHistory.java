package io.cryptoviz.producer.backfill;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.cryptoviz.producer.budget.Plan;
import io.cryptoviz.producer.coingecko.CoinGeckoClient;
import io.cryptoviz.producer.coingecko.CoinGeckoProperties;
import io.cryptoviz.producer.history.HistoryException;
import io.cryptoviz.producer.history.HistorySource;
import io.cryptoviz.producer.history.HistoryStep;
import io.cryptoviz.producer.history.Span;
import io.cryptoviz.producer.poll.ProducerProperties;
import io.cryptoviz.producer.publish.TickPublisher;
import io.cryptoviz.tick.PriceTick;
import io.cryptoviz.tick.TickSource;
import org.jspecify.annotations.Nullable;

/**
 * CoinGecko's history for the background loader, through the backfill path: a step is the newest chunk a
 * {@link BackfillPlan} of the span makes (the last 23 hours 5-minutely, older parts hourly, up to
 * {@code max-chunk} each), loaded as the backfill command loads it, spending from the call budget as
 * history. The public and demo plans serve the last 365 days only.
 */
public class CoinGeckoHistory implements HistorySource {

	private final ChunkLoader chunks;

	private final BackfillProperties properties;

	private final boolean historyLimited;

	private final PacedRequests.Sleeper sleeper = (duration) -> Thread.sleep(duration.toMillis());

	public CoinGeckoHistory(CoinGeckoClient client, TickPublisher publisher, BackfillProperties properties,
			ProducerProperties producer, CoinGeckoProperties coinGecko) {
		this.chunks = new ChunkLoader(client, publisher, properties, producer);
		this.properties = properties;
		this.historyLimited = coinGecko.plan() != Plan.PRO;
	}

	@Override
	public TickSource tickSource() {
		return TickSource.BACKFILL;
	}

	@Override
	public Set<TickSource> covers() {
		return Set.of(TickSource.COINGECKO, TickSource.BACKFILL);
	}

	// the oldest request goes out last, when "365 days ago" has moved on: an hour's margin
	@Override
	public Instant oldest(Instant now) {
		return this.historyLimited ? now.minus(BackfillRequest.PUBLIC_HISTORY).plus(BackfillRequest.PUBLIC_HISTORY_MARGIN)
				: PriceTick.EARLIEST;
	}

	@Override
	public HistoryStep nextStep(String coin, Span span, Instant now) {
		BackfillPlan plan = BackfillPlan.of(List.of(coin), span.from(), span.to(), now, this.properties.maxChunk());
		Chunk newest = plan.chunks().get(0);
		Instant stepFrom = (plan.chunks().size() == 1) ? span.from() : newest.from();
		return new HistoryStep(coin, new Span(stepFrom, span.to()), newest.granularity().toString(), true);
	}

	@Override
	public int load(HistoryStep step, @Nullable PriceTick before) {
		Instant from = step.span().from();
		Granularity granularity = granularity(step.granularity());
		Chunk chunk = new Chunk(1, from, step.span().to(), granularity, step.endInclusive());
		try {
			return this.chunks.load(step.coin(), chunk, step.coin() + " " + step.span(),
					new PacedRequests(this.properties, this.sleeper)).ticks().size();
		}
		catch (BackfillException ex) {
			throw new HistoryException(ex.getMessage());
		}
	}

	private static Granularity granularity(String label) {
		for (Granularity granularity : Granularity.values()) {
			if (granularity.toString().equals(label)) {
				return granularity;
			}
		}
		return Granularity.HOURLY;
	}

}
