package io.cryptoviz.api.series;

import java.util.List;

import io.cryptoviz.api.ApiSliceTests;
import io.cryptoviz.api.coin.CoinCatalog;
import io.cryptoviz.api.coin.Coins;
import io.cryptoviz.influx.InfluxUnavailableException;
import io.cryptoviz.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

@ExtendWith(OutputCaptureExtension.class)
class SparklineWarmUpTests {

	private final CoinCatalog catalog = mock(CoinCatalog.class);

	private final SparklineAnswers answers = mock(SparklineAnswers.class);

	private final SparklineWarmUp warmUp = new SparklineWarmUp(new Coins(this.catalog), this.answers,
			new MutableClock(ApiSliceTests.NOW));

	@Test
	void warmUpReadsThePagesSparklinesEveryCoinInUsdFromTheHour24HoursAgo() {
		given(this.catalog.coins()).willReturn(List.of("solana", "bitcoin"));

		this.warmUp.warmUp();

		verify(this.answers).of(List.of("bitcoin", "solana"), true, Currency.USD,
				SparklineAnswers.firstHour(ApiSliceTests.NOW));
	}

	@Test
	void whenInfluxDbIsDownThenTheWarmUpOnlySaysSo(CapturedOutput output) {
		given(this.catalog.coins()).willReturn(List.of("bitcoin"));
		given(this.answers.of(any(), anyBoolean(), any(), any()))
			.willThrow(new InfluxUnavailableException("InfluxDB at http://localhost:1 did not answer", 0, null, null));

		assertThatNoException().isThrownBy(this.warmUp::warmUp);
		assertThat(output).contains("Sparklines not read ahead of the first request (it will read them itself): "
				+ "InfluxDB at http://localhost:1 did not answer");
	}

	@Test
	void whenTheCoinsCannotBeReadThenTheWarmUpOnlySaysSo() {
		given(this.catalog.coins()).willThrow(new InfluxUnavailableException("InfluxDB at http://localhost:1 did not answer", 0, null, null));

		assertThatNoException().isThrownBy(this.warmUp::warmUp);
	}

}
