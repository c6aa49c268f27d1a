package io.cryptoviz.api.alerts;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Whether a rule may fire, kept on the state topic so that a restart or another instance taking over the
 * coin goes on where the last one stopped.
 *
 * @param armed whether the rule fires when its condition holds
 * @param changedAt when it last fired or was re-armed
 */
record ArmState(@JsonProperty("armed") boolean armed, @JsonProperty("changed_at") Instant changedAt) {
}
