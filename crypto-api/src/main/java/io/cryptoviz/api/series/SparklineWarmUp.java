package io.cryptoviz.api.series;

import java.time.Clock;

import io.cryptoviz.api.coin.Coins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Reads the page's sparklines (every coin, in USD) into their cache once the API has started, so
 * that the first page load after a start finds them there. It runs beside the API, not before
 * it: readiness never waits for it, and an InfluxDB that is down costs a line in the log, not the
 * start-up (the first page load then reads them itself).
 */
@Component
class SparklineWarmUp {

	private static final Logger log = LoggerFactory.getLogger(SparklineWarmUp.class);

	private final Coins coins;

	private final SparklineAnswers answers;

	private final Clock clock;

	SparklineWarmUp(Coins coins, SparklineAnswers answers, Clock clock) {
		this.coins = coins;
		this.answers = answers;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (!this.answers.cached()) {
			return;
		}
		Thread thread = new Thread(this::warmUp, "sparklines-warm-up");
		thread.setDaemon(true);
		thread.start();
	}

	/** The answer the page asks for first, read into the cache; whatever goes wrong is only logged. */
	void warmUp() {
		try {
			this.answers.of(this.coins.all(), true, Currency.USD, SparklineAnswers.firstHour(this.clock.instant()));
		}
		catch (RuntimeException ex) {
			log.warn("Sparklines not read ahead of the first request (it will read them itself): {}", ex.getMessage());
		}
	}

}
