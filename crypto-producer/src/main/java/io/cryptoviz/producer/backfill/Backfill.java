package io.cryptoviz.producer.backfill;

import java.time.Clock;
import java.util.List;

import io.cryptoviz.producer.backfill.MarketChartReader.Currency;
import io.cryptoviz.producer.budget.CallBudget;
import io.cryptoviz.producer.coingecko.CoinGeckoClient;
import io.cryptoviz.producer.poll.ProducerProperties;
import io.cryptoviz.producer.publish.TickPublisher;
import io.cryptoviz.tick.PriceTick;

import org.springframework.stereotype.Service;

/**
 * Runs a backfill plan: for each chunk, newest first, and each coin, fetches the USD and EUR
 * market charts (spending from the call budget as history), merges them into ticks and publishes them,
 * waiting for Kafka's acknowledgement before going on. Ticks carry their historical event time and {@code source=backfill}, so a second
 * run over the same period lands on the same points in InfluxDB instead of adding any.
 */
@Service
class Backfill {

	private final MarketChartReader reader;

	private final TickPublisher publisher;

	private final BackfillProperties properties;

	private final boolean withEur;

	private final CallBudget budget;

	private final Clock clock;

	private final PacedRequests.Sleeper sleeper;

	Backfill(CoinGeckoClient client, CallBudget budget, TickPublisher publisher, BackfillProperties properties,
			ProducerProperties producer, Clock clock) {
		this.reader = new MarketChartReader(client);
		this.budget = budget;
		this.publisher = publisher;
		this.properties = properties;
		this.withEur = producer.currencies().contains(ProducerProperties.Currency.EUR);
		this.clock = clock;
		this.sleeper = (duration) -> Thread.sleep(duration.toMillis());
	}

	/**
	 * @throws BackfillException when CoinGecko or Kafka fails for good; what was published before
	 * stays published, and the message says how to resume
	 */
	BackfillReport run(BackfillPlan plan) {
		PacedRequests requests = new PacedRequests(this.properties, this.sleeper);
		SeriesMerger merger = new SeriesMerger(this.properties.eurMatchTolerance());
		BackfillProgress progress = new BackfillProgress(plan, this.clock);
		progress.started(this.withEur, this.budget.historySpacing(), this.budget.plan().id());
		for (Chunk chunk : plan.chunks()) {
			for (String coin : plan.coins()) {
				String where = coin + " chunk " + chunk.number() + "/" + plan.chunks().size();
				try {
					MarketChart usd = requests.call(where + " USD",
							() -> this.reader.fetch(coin, Currency.USD, chunk));
					MarketChart eur = this.withEur
							? requests.call(where + " EUR", () -> this.reader.fetch(coin, Currency.EUR, chunk)) : null;
					SeriesMerger.Merged merged = merger.merge(coin, chunk, usd, eur);
					List<PriceTick> acknowledged = this.publisher.publish(merged.ticks());
					if (acknowledged.size() < merged.ticks().size()) {
						throw BackfillException.failed(where + ": Kafka did not acknowledge "
								+ (merged.ticks().size() - acknowledged.size()) + " of " + merged.ticks().size()
								+ " ticks (the warning above says why)");
					}
					progress.stepDone(coin, chunk, merged, acknowledged.size());
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
