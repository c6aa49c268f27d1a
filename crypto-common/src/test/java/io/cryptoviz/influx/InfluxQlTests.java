package io.cryptoviz.influx;

import java.time.Instant;
import java.util.List;

import io.cryptoviz.tick.TickSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InfluxQlTests {

	@Test
	void writesCoinsAsQuotedTagValues() {
		assertThat(InfluxQl.coinIs("bitcoin")).isEqualTo("crypto = 'bitcoin'");
		assertThat(InfluxQl.coinIn(List.of("bitcoin", "usd-coin")))
			.isEqualTo("(crypto = 'bitcoin' OR crypto = 'usd-coin')");
	}

	@Test
	void refusesAnythingThatIsNotACoinIdEvenIfItGotPastTheKnownCoins() {
		for (String coin : List.of("bitcoin' OR 1=1 --", "bit\\'coin", "Bitcoin", "", "a/b", "a b")) {
			assertThatIllegalArgumentException().isThrownBy(() -> InfluxQl.coinIs(coin));
		}
	}

	@Test
	void writesSourcesAsQuotedTagValues() {
		assertThat(InfluxQl.sourceIs(TickSource.SIMULATED)).isEqualTo("source = 'simulated'");
	}

	@Test
	void writesTimesAsMillisecondLiterals() {
		assertThat(InfluxQl.timeBetween(Instant.parse("2025-10-31T10:00:00Z"), Instant.parse("2025-10-31T10:00:00.5Z")))
			.isEqualTo("time >= 1761904800000ms AND time < 1761904800500ms");
		assertThat(InfluxQl.timeFrom(Instant.parse("2025-10-31T10:00:00.5Z"))).isEqualTo("time >= 1761904800500ms");
	}

}
