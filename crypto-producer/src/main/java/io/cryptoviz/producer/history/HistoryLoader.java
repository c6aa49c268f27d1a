package io.cryptoviz.producer.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.cryptoviz.history.HistoryStatus;
import io.cryptoviz.history.HistoryStatus.State;
import io.cryptoviz.producer.budget.Cadence;
import io.cryptoviz.producer.leader.Leadership;
import io.cryptoviz.producer.leader.LeadershipChanged;
import io.cryptoviz.producer.poll.PollSucceeded;
import io.cryptoviz.producer.universe.CoinUniverse;
import io.cryptoviz.producer.universe.TrackedCoinsChanged;
import io.cryptoviz.tick.PriceTick;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Loads missing history in the background, on the active producer only, on a thread of its own: live
 * polling never waits for it (and the call budget serves polling first).
 * <p>
 * When this instance becomes active it reads the history topic (what an earlier run or another instance
 * left to load) and finds each tracked coin's last tick on the ticks' topic: a coin without one gets the
 * configured period, a coin whose last tick is further back than the gap threshold gets exactly the gap, up
 * to now. Coins that join the tracked set are looked for the same way, and a poll that succeeds after
 * polls failed or paused for longer than the threshold opens a gap for every coin whose ticks jumped. The
 * spans are loaded a step at a time (one coin's newest chunk), always the newest step of all first, so the
 * recent past fills first for every coin; after each step the coin's record on the history topic and the
 * progress are written. Stopping, or losing the active role, interrupts the step under way: its ticks, and
 * any published twice, land on the same points.
 */
final class HistoryLoader implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(HistoryLoader.class);

	private static final Duration MIN_FIRST_WINDOW = Duration.ofMinutes(1);

	private static final Duration LONGEST_IDLE_WAIT = Duration.ofSeconds(1);

	private final HistorySource source;

	private final LastTicks lastTicks;

	private final HistoryLedger ledger;

	private final CoinUniverse universe;

	private final Leadership leadership;

	private final GapThreshold threshold;

	private final HistoryProperties properties;

	private final HistoryMeters meters;

	private final Clock clock;

	// all guarded by this
	private final Map<String, List<Span>> pending = new HashMap<>();

	private final Map<String, Integer> gapsOpen = new HashMap<>();

	private final Map<String, PriceTick> lastBefore = new HashMap<>();

	private final Map<String, PriceTick> lastLive = new HashMap<>();

	private final Map<String, Instant> retryAt = new HashMap<>();

	private final Set<String> failing = new HashSet<>();

	private final Set<String> known = new HashSet<>();

	private final Set<String> dirty = new LinkedHashSet<>();

	private final Deque<Scan> scans = new ArrayDeque<>();

	private @Nullable Thread worker;

	private long generation;

	private boolean running;

	private @Nullable Instant lastPoll;

	private State state = State.IDLE;

	private @Nullable String detail;

	private boolean statusChanged = true;

	private long stepsDone;

	private long ticksLoaded;

	private @Nullable ScanReport lastScan;

	HistoryLoader(HistorySource source, LastTicks lastTicks, HistoryLedger ledger, CoinUniverse universe,
			Leadership leadership, GapThreshold threshold, HistoryProperties properties, HistoryMeters meters,
			Clock clock) {
		this.source = source;
		this.lastTicks = lastTicks;
		this.ledger = ledger;
		this.universe = universe;
		this.leadership = leadership;
		this.threshold = threshold;
		this.properties = properties;
		this.meters = meters;
		this.clock = clock;
	}

	@Override
	public synchronized void start() {
		this.running = true;
		reconcile();
	}

	@Override
	public void stop() {
		Thread stopping;
		synchronized (this) {
			this.running = false;
			stopping = this.worker;
			deactivate("this instance is stopping");
		}
		if (stopping != null) {
			try {
				stopping.join(Duration.ofSeconds(10).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.running;
	}

	/** Starts or stops loading as this instance's role says; the election also announces changes. */
	@Scheduled(fixedDelay = 1000)
	synchronized void reconcile() {
		if (!this.running) {
			return;
		}
		if (this.leadership.isActive()) {
			activate();
		}
		else {
			deactivate("this instance is a standby");
		}
	}

	@EventListener
	void onLeadershipChanged(LeadershipChanged change) {
		reconcile();
	}

	@EventListener
	synchronized void onCoinsChanged(TrackedCoinsChanged change) {
		if (this.worker == null) {
			return;
		}
		Set<String> fresh = new LinkedHashSet<>(change.coins());
		// known once a scan is queued for it: the first coin list often arrives while the first scan runs
		fresh.removeAll(this.known);
		this.known.addAll(fresh);
		if (!fresh.isEmpty()) {
			this.scans.add(new Scan(List.copyOf(fresh), this.clock.instant()));
			notifyAll();
		}
	}

	/** A poll after a pause longer than the threshold: what each coin's ticks jumped over is a gap. */
	@EventListener
	synchronized void onPoll(PollSucceeded poll) {
		if (this.worker == null) {
			return;
		}
		Duration minGap = this.threshold.minGap();
		boolean resumed = this.lastPoll != null && Duration.between(this.lastPoll, poll.at()).compareTo(minGap) > 0;
		for (PriceTick tick : poll.published()) {
			if (!this.source.covers().contains(tick.source())) {
				continue;
			}
			PriceTick previous = this.lastLive.put(tick.crypto(), tick);
			if (resumed && previous != null
					&& Duration.between(previous.timestamp(), tick.timestamp()).compareTo(minGap) > 0) {
				logger.info("History: {} has no tick from {} to {} (no poll succeeded for {}): loading the gap",
						tick.crypto(), previous.timestamp(), tick.timestamp(),
						Cadence.human(Duration.between(this.lastPoll, poll.at())));
				this.lastBefore.put(tick.crypto(), previous);
				addGap(tick.crypto(), new Span(previous.timestamp(), tick.timestamp()), "live");
			}
		}
		this.lastPoll = poll.at();
		notifyAll();
	}

	/** What the health component and the meters show. */
	synchronized Progress progress() {
		Instant now = this.clock.instant();
		long left = 0;
		int coins = 0;
		for (Map.Entry<String, List<Span>> entry : trackedPending().entrySet()) {
			coins++;
			left += steps(entry.getKey(), entry.getValue(), now);
		}
		return new Progress(this.worker != null, this.state, percent(this.stepsDone, left), coins,
				this.universe.coins().size(), this.stepsDone, left, this.ticksLoaded, this.failing.size(), this.detail,
				this.lastScan);
	}

	HistorySource source() {
		return this.source;
	}

	private void activate() {
		if (this.worker != null) {
			return;
		}
		this.generation++;
		this.pending.clear();
		this.gapsOpen.clear();
		this.lastBefore.clear();
		this.lastLive.clear();
		this.retryAt.clear();
		this.failing.clear();
		this.known.clear();
		this.dirty.clear();
		this.scans.clear();
		this.stepsDone = 0;
		this.ticksLoaded = 0;
		this.detail = null;
		this.state = State.SCANNING;
		this.statusChanged = true;
		// the cut-off of the first scan: this instance's own live ticks start after it
		Instant since = this.leadership.activeSince().orElse(this.clock.instant());
		this.lastPoll = since;
		this.scans.add(new Scan(this.universe.coins(), since));
		this.known.addAll(this.universe.coins());
		long current = this.generation;
		Thread thread = new Thread(() -> work(current), "history-loader");
		thread.setDaemon(true);
		this.worker = thread;
		thread.start();
	}

	private void deactivate(String reason) {
		Thread current = this.worker;
		if (current == null) {
			return;
		}
		this.worker = null;
		this.generation++;
		current.interrupt();
		logger.info("History: loading stops ({}); what is left is on {} for the next active producer", reason,
				this.ledger.topic());
	}

	private void work(long generation) {
		try {
			workWhileCurrent(generation);
		}
		finally {
			synchronized (this) {
				// ended by itself (the gate refused a step): the next reconcile starts afresh
				if (this.worker == Thread.currentThread()) {
					this.worker = null;
				}
			}
		}
	}

	private void workWhileCurrent(long generation) {
		boolean resumed = false;
		while (isCurrent(generation)) {
			try {
				if (!resumed) {
					resume();
					resumed = true;
				}
				flush();
				Scan scan = nextScan();
				if (scan != null) {
					scan(scan);
					continue;
				}
				HistoryStep step = nextStep();
				if (step != null) {
					load(step);
				}
				else {
					idle();
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (HistoryException | org.apache.kafka.common.KafkaException | IllegalStateException ex) {
				if (!isCurrent(generation)) {
					return;
				}
				synchronized (this) {
					this.detail = ex.getMessage();
				}
				logger.warn("History: {}; trying again in {}", ex.getMessage(),
						Cadence.human(this.properties.retryInterval()));
				if (!pause(this.properties.retryInterval())) {
					return;
				}
			}
		}
	}

	/** What an earlier run or another instance left to load. */
	private void resume() {
		Map<String, List<Span>> saved = this.ledger.read();
		synchronized (this) {
			saved.forEach((coin, spans) -> {
				spans.forEach((span) -> addGap(coin, span, "resumed"));
				this.dirty.remove(coin);
			});
		}
		if (!saved.isEmpty()) {
			logger.info("History: resuming what {} holds for {} coins", this.ledger.topic(), saved.size());
		}
	}

	private void scan(Scan scan) {
		synchronized (this) {
			setState(State.SCANNING, null);
		}
		Instant now = this.clock.instant();
		Duration minGap = this.threshold.minGap();
		Duration firstWindow = minGap.multipliedBy(2);
		firstWindow = (firstWindow.compareTo(MIN_FIRST_WINDOW) < 0) ? MIN_FIRST_WINDOW : firstWindow;
		LastTicks.Found found = this.lastTicks.find(scan.coins(), this.source.covers(), scan.cutoff(), firstWindow,
				this.properties.horizon());
		this.meters.scanned(found);
		int fresh = 0;
		int gaps = 0;
		synchronized (this) {
			for (String coin : scan.coins()) {
				this.known.add(coin);
				PriceTick last = found.last().get(coin);
				if (last != null) {
					this.lastBefore.putIfAbsent(coin, last);
					this.lastLive.putIfAbsent(coin, last);
				}
				Span gap = gap(last, now, minGap);
				if (gap != null) {
					addGap(coin, gap, (last != null) ? "restart" : "fresh");
					if (last != null) {
						gaps++;
					}
					else {
						fresh++;
					}
				}
			}
			this.lastScan = new ScanReport(scan.coins().size(), found.last().size(), found.recordsRead(),
					found.reachedBack(), found.took(), now);
			this.scans.remove(scan);
		}
		logger.info("History: last ticks of {} coins read from the ticks' topic in {} ({} records, back to {} before "
				+ "{}): {} found; {} without a tick get {}, {} with a gap longer than {} get the gap", scan.coins().size(),
				Cadence.human(found.took()), found.recordsRead(), Cadence.human(found.reachedBack()), scan.cutoff(),
				found.last().size(), fresh, this.properties.period().isZero() ? "nothing (period 0)"
						: "the last " + Cadence.human(this.properties.period()), gaps, Cadence.human(minGap));
	}

	/** The span a coin is missing: its gap up to now, or the period when it has no tick. */
	private @Nullable Span gap(@Nullable PriceTick last, Instant now, Duration minGap) {
		Instant from;
		if (last == null) {
			if (this.properties.period().isZero()) {
				return null;
			}
			from = now.minus(this.properties.period());
		}
		else {
			if (Duration.between(last.timestamp(), now).compareTo(minGap) <= 0 || this.properties.maxGap().isZero()) {
				return null;
			}
			Instant oldest = now.minus(this.properties.maxGap());
			from = last.timestamp().isBefore(oldest) ? oldest : last.timestamp();
		}
		Instant oldest = this.source.oldest(now);
		from = from.isBefore(oldest) ? oldest : from;
		return from.isBefore(now) ? new Span(from, now) : null;
	}

	private void load(HistoryStep step) throws InterruptedException {
		String coin = step.coin();
		PriceTick before;
		synchronized (this) {
			setState(State.LOADING, this.detail);
			before = this.lastBefore.get(coin);
		}
		int[] ticks = { 0 };
		boolean ran;
		try {
			// through the leader gate, as every duty of the active producer: a handover waits for the step
			ran = this.leadership.runIfActive(() -> ticks[0] = this.source.load(step, before));
		}
		catch (HistoryException ex) {
			if (Thread.currentThread().isInterrupted()) {
				throw new InterruptedException();
			}
			failed(step, ex.getMessage());
			return;
		}
		if (!ran) {
			// no longer the active one: the role's change stops this worker
			throw new InterruptedException();
		}
		Instant now = this.clock.instant();
		String line;
		synchronized (this) {
			List<Span> left = new ArrayList<>();
			for (Span span : this.pending.getOrDefault(coin, List.of())) {
				left.addAll(span.minus(step.span()));
			}
			this.stepsDone++;
			this.ticksLoaded += ticks[0];
			if (this.failing.remove(coin)) {
				logger.info("History of {} loads again", coin);
			}
			this.retryAt.remove(coin);
			if (left.isEmpty()) {
				this.pending.remove(coin);
				this.meters.filled(this.gapsOpen.getOrDefault(coin, 0));
				this.gapsOpen.remove(coin);
			}
			else {
				this.pending.put(coin, Span.merge(left));
			}
			this.dirty.add(coin);
			this.meters.loaded(ticks[0]);
			Progress progress = progress();
			line = String.format(Locale.ROOT,
					"History: %s: %d ticks (source=%s) | %d steps done, %d left, %d of %d coins pending, %.0f %%", step,
					ticks[0], this.source.tickSource().id(), progress.stepsDone(), progress.stepsLeft(),
					progress.coinsPending(), progress.coins(), progress.percent());
			this.detail = null;
		}
		logger.info(line);
	}

	private synchronized void failed(HistoryStep step, @Nullable String reason) {
		Instant next = this.clock.instant().plus(this.properties.retryInterval());
		this.retryAt.put(step.coin(), next);
		this.detail = step.coin() + ": " + reason;
		if (this.failing.add(step.coin())) {
			logger.warn("History of {} failed: {}; trying again in {} (reported once until it works)", step, reason,
					Cadence.human(this.properties.retryInterval()));
		}
	}

	/** Nothing may go now: says so, and waits for news (a scan, a gap, a retry that comes due). */
	private void idle() throws InterruptedException {
		synchronized (this) {
			boolean left = !trackedPending().isEmpty();
			setState(left ? State.WAITING : State.IDLE, left ? this.detail : null);
		}
		flush();
		synchronized (this) {
			if (this.scans.isEmpty() && nextStepLocked() == null) {
				wait(LONGEST_IDLE_WAIT.toMillis());
			}
		}
	}

	/** Writes what changed to the history topic: the coins' records, then the progress. */
	private void flush() {
		List<String> coins;
		Map<String, List<Span>> spans = new HashMap<>();
		synchronized (this) {
			coins = new ArrayList<>(this.dirty);
			coins.forEach((coin) -> spans.put(coin, List.copyOf(this.pending.getOrDefault(coin, List.of()))));
		}
		boolean changed = !coins.isEmpty();
		for (String coin : coins) {
			if (!this.leadership.isActive()) {
				return;
			}
			this.ledger.pending(coin, spans.get(coin));
			synchronized (this) {
				if (List.copyOf(this.pending.getOrDefault(coin, List.of())).equals(spans.get(coin))) {
					this.dirty.remove(coin);
				}
			}
		}
		synchronized (this) {
			changed |= this.statusChanged;
			this.statusChanged = false;
		}
		if (changed && this.leadership.isActive()) {
			this.ledger.status(status());
		}
	}

	private synchronized HistoryStatus status() {
		Progress progress = progress();
		return new HistoryStatus(this.state, progress.percent(), progress.coinsPending(), progress.coins(),
				progress.stepsDone(), progress.stepsLeft(), progress.ticksLoaded(), this.source.tickSource().id(),
				this.detail, this.leadership.instanceId(), this.clock.instant());
	}

	private void setState(State next, @Nullable String detail) {
		if (next != this.state || (detail != null && !detail.equals(this.detail))) {
			this.statusChanged = true;
		}
		this.state = next;
		this.detail = detail;
	}

	private synchronized @Nullable Scan nextScan() {
		return this.scans.peekFirst();
	}

	private synchronized @Nullable HistoryStep nextStep() {
		return nextStepLocked();
	}

	// the newest step of all: the recent past first, for every coin
	private @Nullable HistoryStep nextStepLocked() {
		Instant now = this.clock.instant();
		String best = null;
		Span newest = null;
		for (Map.Entry<String, List<Span>> entry : trackedPending().entrySet()) {
			Instant retry = this.retryAt.get(entry.getKey());
			if (retry != null && now.isBefore(retry)) {
				continue;
			}
			Span span = entry.getValue().get(0);
			if (newest == null || span.to().isAfter(newest.to())) {
				best = entry.getKey();
				newest = span;
			}
		}
		return (best != null) ? this.source.nextStep(best, newest, now) : null;
	}

	private Map<String, List<Span>> trackedPending() {
		Map<String, List<Span>> tracked = new HashMap<>();
		Set<String> coins = new HashSet<>(this.universe.coins());
		this.pending.forEach((coin, spans) -> {
			if (coins.contains(coin) && !spans.isEmpty()) {
				tracked.put(coin, spans);
			}
		});
		return tracked;
	}

	private void addGap(String coin, Span span, String cause) {
		List<Span> spans = new ArrayList<>(this.pending.getOrDefault(coin, List.of()));
		spans.add(span);
		this.pending.put(coin, Span.merge(spans));
		this.gapsOpen.merge(coin, 1, Integer::sum);
		this.dirty.add(coin);
		this.statusChanged = true;
		this.meters.found(cause);
		notifyAll();
	}

	private long steps(String coin, List<Span> spans, Instant now) {
		long steps = 0;
		for (Span span : spans) {
			Span left = span;
			while (left != null && steps < 10_000) {
				HistoryStep step = this.source.nextStep(coin, left, now);
				steps++;
				List<Span> rest = left.minus(step.span());
				left = rest.isEmpty() ? null : rest.get(0);
			}
		}
		return steps;
	}

	private static double percent(long done, long left) {
		return (done + left == 0) ? 100.0 : 100.0 * done / (done + left);
	}

	private synchronized boolean isCurrent(long generation) {
		return this.generation == generation && this.worker == Thread.currentThread()
				&& !Thread.currentThread().isInterrupted();
	}

	private boolean pause(Duration duration) {
		try {
			synchronized (this) {
				wait(Math.max(1, duration.toMillis()));
			}
			return true;
		}
		catch (InterruptedException ex) {
			return false;
		}
	}

	/**
	 * Coins to look for on the ticks' topic.
	 *
	 * @param coins the coins
	 * @param cutoff records published from then on are this instance's own, and left out
	 */
	private record Scan(List<String> coins, Instant cutoff) {
	}

	/**
	 * The last scan of the ticks' topic.
	 *
	 * @param coins coins looked for
	 * @param found coins found with a tick
	 * @param recordsRead records read
	 * @param reachedBack how far back it read
	 * @param took how long it took
	 * @param at when it ended
	 */
	record ScanReport(int coins, int found, long recordsRead, Duration reachedBack, Duration took, Instant at) {
	}

	/**
	 * Where loading stands.
	 *
	 * @param active whether this instance loads (it is the active one)
	 * @param state what it does
	 * @param percent steps done of those found since it became active, 0 to 100
	 * @param coinsPending tracked coins with history still to load
	 * @param coins coins tracked
	 * @param stepsDone steps done since it became active
	 * @param stepsLeft steps left
	 * @param ticksLoaded ticks published since it became active
	 * @param failing coins whose last step failed
	 * @param detail what it waits for, or the last failure
	 * @param lastScan the last scan of the ticks' topic
	 */
	record Progress(boolean active, State state, double percent, int coinsPending, int coins, long stepsDone,
			long stepsLeft, long ticksLoaded, int failing, @Nullable String detail, @Nullable ScanReport lastScan) {
	}

}
