package io.cryptoviz.producer.flow;

import io.cryptoviz.producer.MovableTime;
import io.cryptoviz.producer.budget.CallBudget;
import io.cryptoviz.producer.poll.PollCadence;
import io.cryptoviz.producer.poll.PricePoller;
import io.cryptoviz.producer.universe.CoinUniverse;
import io.cryptoviz.testsupport.CoinGeckoStub;
import io.cryptoviz.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The producer against the CoinGecko stub and a real (embedded) broker, on a clock the test moves, its
 * jobs off: a test calls the poller and the coin universe itself whenever it has moved the clock. One stub
 * serves every such test (and nested class) of the run, forgetting its answers before each test; each class
 * gets a context of its own, since the clock and the budget keep what a test did to them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = "cryptoviz.producer.polling-enabled=false")
@EmbeddedKafka(partitions = 1)
@Import(MovableTime.class)
@DirtiesContext
abstract class ProducerOnTheClock {

	static final CoinGeckoStub stub = CoinGeckoStub.start();

	@Autowired
	PricePoller poller;

	@Autowired
	CoinUniverse universe;

	@Autowired
	PollCadence cadence;

	@Autowired
	CallBudget budget;

	@Autowired
	MutableClock clock;

	@Autowired
	EmbeddedKafkaBroker broker;

	@DynamicPropertySource
	static void coinGecko(DynamicPropertyRegistry registry) {
		registry.add("cryptoviz.coingecko.base-url", stub::baseUrl);
	}

	@BeforeEach
	void forgetTheStubsAnswers() {
		stub.reset();
	}

}
