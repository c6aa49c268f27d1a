package io.cryptoviz.e2e.deployment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CheckReportTests {

	@Test
	void aTestMethodNameReadsAsTheCheckItMakes() {
		assertThat(CheckReport.words("everyProcessInEveryContainerRunsAsANonRootUser"))
			.isEqualTo("every process in every container runs as a non root user");
		assertThat(CheckReport.words("ticksFlowIntoInfluxDbAndOutOfTheApiAndItsLiveStream"))
			.isEqualTo("ticks flow into InfluxDB and out of the API and its live stream");
		assertThat(CheckReport.words("aBadEnvStopsTheStackBeforeAnythingStartsAndNamesTheValue"))
			.isEqualTo("a bad .env stops the stack before anything starts and names the value");
		assertThat(CheckReport.words("everyHealthcheckTurnsHealthyAfterCheckEnvPassed"))
			.isEqualTo("every healthcheck turns healthy after check-env passed");
	}

}
