package io.cryptoviz.producer.backfill;

import java.time.Clock;

import io.cryptoviz.producer.budget.CallBudget;
import io.cryptoviz.producer.coingecko.CoinGeckoClient;
import io.cryptoviz.producer.poll.ProducerProperties;
import io.cryptoviz.producer.publish.TickPublisher;

import org.springframework.stereotype.Service;

/**
 * Runs a backfill plan: for each chunk, newest first, and each coin, fetches the USD and EUR
 * market charts (spending from the call budget as history), merges them into ticks and publishes them,
 * waiting for Kafka's acknowledgement before going on. Ticks carry their historical event time and {@code source=backfill}, so a second
 * run over the same period lands on the same points in InfluxDB instead of adding any.
 */
@Service
class Backfill {

	private final ChunkLoader chunks;

	private final BackfillProperties properties;

	private final CallBudget budget;

	private final Clock clock;

	private final PacedRequests.Sleeper sleeper;

	Backfill(CoinGeckoClient client, CallBudget budget, TickPublisher publisher, BackfillProperties properties,
			ProducerProperties producer, Clock clock) {
		this.chunks = new ChunkLoader(client, publisher, properties, producer);
		this.budget = budget;
		this.properties = properties;
		this.clock = clock;
		this.sleeper = (duration) -> Thread.sleep(duration.toMillis());
	}

	/**
	 * @throws BackfillException when CoinGecko or Kafka fails for good; what was published before
	 * stays published, and the message says how to resume
	 */
	BackfillReport run(BackfillPlan plan) {
		PacedRequests requests = new PacedRequests(this.properties, this.sleeper);
		BackfillProgress progress = new BackfillProgress(plan, this.clock);
		progress.started(this.chunks.withEur(), this.budget.historySpacing(), this.budget.plan().id());
		for (Chunk chunk : plan.chunks()) {
			for (String coin : plan.coins()) {
				String where = coin + " chunk " + chunk.number() + "/" + plan.chunks().size();
				try {
					SeriesMerger.Merged merged = this.chunks.load(coin, chunk, where, requests);
					progress.stepDone(coin, chunk, merged, merged.ticks().size());
				}
				catch (BackfillException ex) {
					throw ex.withHint(resumeHint(plan, chunk));
				}
			}
		}
		return progress.finished(requests.requests(), requests.retries());
	}

	// Chunks go newest first, so every chunk before this one is complete for every coin.
	private static String resumeHint(BackfillPlan plan, Chunk failed) {
		String period = (failed.number() == 1) ? "the same period"
				: "--from=" + plan.from() + " --to=" + failed.to();
		return "run the backfill again to finish (" + period + ", --coins=" + String.join(",", plan.coins())
				+ "): ticks published already land on the same points";
	}

}
