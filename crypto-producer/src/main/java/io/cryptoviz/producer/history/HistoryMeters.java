package io.cryptoviz.producer.history;

import java.util.List;

import io.cryptoviz.tick.TickSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The history loader's meters: coins pending and the progress (gauges), ticks loaded, gaps found (by
 * cause) and filled, and the scans of the ticks' topic (how long, how many records). Every counter exists
 * from the start, at 0.
 */
final class HistoryMeters {

	/** Why a span was to load: no tick at all, a gap found at start, a gap opened while running, left over. */
	static final List<String> CAUSES = List.of("fresh", "restart", "live", "resumed");

	private final MeterRegistry registry;

	private final Counter loaded;

	private final Counter filled;

	private final Counter records;

	private final Timer scans;

	HistoryMeters(MeterRegistry registry, TickSource source) {
		this.registry = registry;
		this.loaded = Counter.builder("crypto.history.ticks.loaded")
			.description("Ticks of history published (and acknowledged)")
			.tag("source", source.id())
			.register(registry);
		this.filled = Counter.builder("crypto.history.gaps.filled")
			.description("Gaps in the history loaded in full")
			.register(registry);
		this.records = Counter.builder("crypto.history.scan.records")
			.description("Records of the ticks' topic read to find each coin's last tick")
			.register(registry);
		this.scans = Timer.builder("crypto.history.scan")
			.description("Scans of the ticks' topic for each coin's last tick")
			.register(registry);
		CAUSES.forEach(this::gapCounter);
	}

	void bind(HistoryLoader loader) {
		Gauge.builder("crypto.history.coins.pending", loader, (it) -> it.progress().coinsPending())
			.description("Tracked coins with history still to load")
			.register(this.registry);
		Gauge.builder("crypto.history.progress", loader, (it) -> it.progress().percent())
			.description("Steps of history done of those found since this producer became active, in percent")
			.register(this.registry);
	}

	void found(String cause) {
		gapCounter(cause).increment();
	}

	void filled(int gaps) {
		this.filled.increment(gaps);
	}

	void loaded(int ticks) {
		this.loaded.increment(ticks);
	}

	void scanned(LastTicks.Found found) {
		this.records.increment(found.recordsRead());
		this.scans.record(found.took());
	}

	private Counter gapCounter(String cause) {
		return Counter.builder("crypto.history.gaps.found")
			.description("Spans of missing history found, by cause")
			.tag("cause", cause)
			.register(this.registry);
	}

}
