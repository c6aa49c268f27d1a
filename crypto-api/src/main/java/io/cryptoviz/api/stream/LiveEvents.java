package io.cryptoviz.api.stream;

/** Other features' events on the live stream, beside the ticks: fired alerts, for instance. */
public interface LiveEvents {

	/**
	 * Sends an event to every stream client that follows the coin.
	 * @param name the event's name, as {@code EventSource} listeners see it ({@code alert})
	 * @param data the event's data, written as JSON
	 */
	void publish(String name, String coin, Object data);

}
