package io.cryptoviz.producer.leader;

/**
 * This instance became the active one, or stopped being it. Published on a thread of its own, after
 * the change: a listener that starts work on it asks {@link Leadership#isActive()} again, or runs the
 * work through {@link Leadership#runIfActive}.
 *
 * @param active whether this instance is the active one now
 * @param instanceId this instance's name
 * @param reason why it changed, for logs
 */
public record LeadershipChanged(boolean active, String instanceId, String reason) {
}
