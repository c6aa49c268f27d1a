package io.cryptoviz.http;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DoublingBackOffTests {

	private final DoublingBackOff backOff = new DoublingBackOff(Duration.ofSeconds(5), Duration.ofMinutes(2));

	@Test
	void waitsTheFirstIntervalAfterOneFailureAndDoublesItPerFurtherFailureUpToTheCap() {
		assertThat(this.backOff.after(1)).hasSeconds(5);
		assertThat(this.backOff.after(2)).hasSeconds(10);
		assertThat(this.backOff.after(5)).hasSeconds(80);
		assertThat(this.backOff.after(6)).hasMinutes(2);
	}

	@Test
	void staysAtTheCapHoweverManyFailuresThereWere() {
		assertThat(this.backOff.after(64)).hasMinutes(2);
		assertThat(this.backOff.after(Integer.MAX_VALUE)).hasMinutes(2);
	}

	@Test
	void cutsAFirstWaitLongerThanTheCap() {
		assertThat(new DoublingBackOff(Duration.ofMinutes(5), Duration.ofMinutes(1)).after(1)).hasMinutes(1);
	}

}
