package io.cryptoviz.api.latest;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A coin of the data.
 *
 * @param id the coin id (CoinGecko's), e.g. {@code bitcoin}
 * @param latestTick event time of its latest stored tick, {@code null} when there is none yet
 */
record CoinSummary(@JsonProperty("id") @Schema(example = "bitcoin") String id,
		@JsonProperty("latest_tick") @Schema(description = "event time of the latest stored tick; null when there is none yet") @Nullable Instant latestTick) {
}
