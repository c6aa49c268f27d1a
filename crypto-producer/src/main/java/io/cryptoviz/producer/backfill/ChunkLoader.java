package io.cryptoviz.producer.backfill;

import java.util.List;

import io.cryptoviz.producer.backfill.MarketChartReader.Currency;
import io.cryptoviz.producer.coingecko.CoinGeckoClient;
import io.cryptoviz.producer.poll.ProducerProperties;
import io.cryptoviz.producer.publish.TickPublisher;
import io.cryptoviz.tick.PriceTick;

/**
 * One coin's chunk of history: fetches the USD and EUR market charts (each request spending from the call
 * budget as history, retried as {@link PacedRequests} allows), merges them into ticks, publishes them and
 * waits for Kafka's acknowledgement. The backfill command and the background history loader both load
 * through here.
 */
final class ChunkLoader {

	private final MarketChartReader reader;

	private final TickPublisher publisher;

	private final SeriesMerger merger;

	private final boolean withEur;

	ChunkLoader(CoinGeckoClient client, TickPublisher publisher, BackfillProperties properties,
			ProducerProperties producer) {
		this.reader = new MarketChartReader(client);
		this.publisher = publisher;
		this.merger = new SeriesMerger(properties.eurMatchTolerance());
		this.withEur = producer.currencies().contains(ProducerProperties.Currency.EUR);
	}

	boolean withEur() {
		return this.withEur;
	}

	/**
	 * @param where the coin and chunk, for log lines and the error
	 * @return the chunk's ticks, every one of them acknowledged
	 * @throws BackfillException when CoinGecko or Kafka fails for good; what was published stays published
	 */
	SeriesMerger.Merged load(String coin, Chunk chunk, String where, PacedRequests requests) {
		MarketChart usd = requests.call(where + " USD", () -> this.reader.fetch(coin, Currency.USD, chunk));
		MarketChart eur = this.withEur
				? requests.call(where + " EUR", () -> this.reader.fetch(coin, Currency.EUR, chunk)) : null;
		SeriesMerger.Merged merged = this.merger.merge(coin, chunk, usd, eur);
		List<PriceTick> acknowledged = this.publisher.publish(merged.ticks());
		if (acknowledged.size() < merged.ticks().size()) {
			throw BackfillException.failed(where + ": Kafka did not acknowledge "
					+ (merged.ticks().size() - acknowledged.size()) + " of " + merged.ticks().size()
					+ " ticks (the warning above says why)");
		}
		return merged;
	}

}
