package io.cryptoviz.e2e;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One pipeline for the test class, its consumer running from the start; each test starts the producer it needs. */
abstract class WithConsumerPipeline {

	static Pipeline pipeline;

	@BeforeAll
	static void startPipeline() throws Exception {
		pipeline = new Pipeline();
		pipeline.start("crypto-consumer", Map.of());
	}

	@AfterAll
	static void stopPipeline() {
		pipeline.close();
	}

}
