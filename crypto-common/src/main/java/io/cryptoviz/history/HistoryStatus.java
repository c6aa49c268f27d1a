package io.cryptoviz.history;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * How far the active producer has come loading history: the value of record {@value #KEY} on the history
 * topic, replaced at every step. The topic's other records (keys {@code coin:<id>}) are the producer's own
 * list of what is still to load.
 *
 * @param state what the loader does
 * @param percent share of the steps found this far that are done, 0 to 100
 * @param coinsPending coins with history still to load
 * @param coins coins tracked
 * @param stepsDone steps (a coin's chunk) done since this producer became active
 * @param stepsLeft steps still to do
 * @param ticksLoaded ticks of history published since this producer became active
 * @param source the history's {@code source} tag: {@code backfill} (CoinGecko's history) or {@code simulated}
 * @param detail what it waits for, or the last failure; empty when there is nothing to say
 * @param instance the producer instance that loads
 * @param updatedAt when this was written
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "state", "percent", "coins_pending", "coins", "steps_done", "steps_left", "ticks_loaded", "source",
		"detail", "instance", "updated_at" })
public record HistoryStatus(@JsonProperty("state") State state, @JsonProperty("percent") double percent,
		@JsonProperty("coins_pending") int coinsPending, @JsonProperty("coins") int coins,
		@JsonProperty("steps_done") long stepsDone, @JsonProperty("steps_left") long stepsLeft,
		@JsonProperty("ticks_loaded") long ticksLoaded, @JsonProperty("source") String source,
		@JsonProperty("detail") @Nullable String detail, @JsonProperty("instance") String instance,
		@JsonProperty("updated_at") Instant updatedAt) {

	/** The key of the progress record. */
	public static final String KEY = "progress";

	/** Whether history is still on its way. */
	public boolean loading() {
		return this.state != State.IDLE;
	}

	/** What the loader does. */
	public enum State {

		/** Reading the ticks' topic for each coin's last tick. */
		SCANNING,

		/** Loading steps. */
		LOADING,

		/** Steps left, none of which may go now: CoinGecko failed, or the call budget has nothing left. */
		WAITING,

		/** Nothing left to load. */
		IDLE;

		@JsonValue
		public String id() {
			return name().toLowerCase(Locale.ROOT);
		}

		@JsonCreator
		public static State fromId(String id) {
			return valueOf(id.toUpperCase(Locale.ROOT));
		}

	}

}
