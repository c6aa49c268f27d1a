package io.cryptoviz.api.history;

import java.time.Duration;

import io.cryptoviz.api.ApiIntegrationTests;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The producer's progress record, read from the real (embedded) broker's history topic and served as JSON. */
class HistoryProgressIntegrationTests extends ApiIntegrationTests {

	@Test
	void servesTheLatestProgressRecordOfTheHistoryTopicAndIgnoresTheCoinsRecordsAndUnreadableOnes() {
		publishHistory("coin:bitcoin", "{\"coin\":\"bitcoin\",\"pending\":[]}", "progress", "not json", "progress",
				historyProgress("loading", 61.0));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Answer answer = get("/api/v1/history/progress");
			assertThat(answer.status()).isEqualTo(200);
			assertThat(answer.json().path("percent").asDouble()).isEqualTo(61.0);
		});
		Answer answer = get("/api/v1/history/progress");
		assertThat(answer.json().path("state").asString()).isEqualTo("loading");
		assertThat(answer.json().path("coins_pending").asInt()).isEqualTo(2);
		assertThat(answer.json().path("source").asString()).isEqualTo("simulated");
	}

}
