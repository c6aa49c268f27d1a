package io.cryptoviz.e2e;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;

/**
 * One pipeline for the test class, its consumer running from the start; each test starts the producer it needs.
 * The pipeline belongs to the test instance, one for the class, so that test classes running at the same
 * time each have their own.
 */
@TestInstance(Lifecycle.PER_CLASS)
abstract class WithConsumerPipeline {

	Pipeline pipeline;

	@BeforeAll
	void startPipeline() throws Exception {
		this.pipeline = new Pipeline();
		this.pipeline.start("crypto-consumer", Map.of());
	}

	@AfterAll
	void stopPipeline() {
		this.pipeline.close();
	}

}
