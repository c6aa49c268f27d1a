package io.cryptoviz.producer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.cryptoviz.testsupport.CoinGeckoStub;
import io.cryptoviz.testsupport.KafkaTestClients;
import io.cryptoviz.testsupport.MarketChartHistory;
import io.cryptoviz.testsupport.StubResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --backfill} as a user runs it: the application started with that option does the
 * backfill, does not poll and serves no HTTP, and ends with an exit code and, when it fails, one
 * line that says why.
 */
@EmbeddedKafka(partitions = 3)
@ExtendWith(OutputCaptureExtension.class)
class BackfillCommandTests {

	@RegisterExtension
	static final CoinGeckoStub stub = CoinGeckoStub.start();

	@BeforeEach
	void answerNormally() {
		stub.willAnswer("/simple/price", StubResponse.fixture("simple_price.json"));
	}

	@Test
	void loadsThePeriodThenExitsWithZeroWithoutPollingOrServingHttp(EmbeddedKafkaBroker kafka, CapturedOutput output) {
		stub.willAnswer(MarketChartHistory.PATH, MarketChartHistory.answering(Instant::now));

		ConfigurableApplicationContext context = run(kafka, "--backfill", "--period=P1D", "--coins=solana");

		assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
		assertThat(SpringApplication.exit(context)).isZero();
		assertThat(output).contains("Backfill done: 1 coin, 2 chunks each");
		assertThat(stub.requests("/simple/price")).isEmpty();
		assertThat(stub.requests()).hasSize(4);
		assertThat(KafkaTestClients.readAll(kafka.getBrokersAsString(), "crypto-prices", 1, Duration.ofSeconds(10)))
			.isNotEmpty()
			.allSatisfy((record) -> assertThat(new String(record.value())).contains("\"source\":\"backfill\""));
	}

	@Test
	void optionsThatMakeNoPeriodExitWithTwoAndOneLineThatSaysWhatToWrite(EmbeddedKafkaBroker kafka,
			CapturedOutput output) {
		ConfigurableApplicationContext context = run(kafka, "--backfill", "--period=banana");

		assertThat(SpringApplication.exit(context)).isEqualTo(2);
		assertThat(errorLines(output)).singleElement()
			.asString()
			.endsWith("Backfill failed: --period: 'banana' is not a duration; use days or hours, e.g. P30D, 30d, "
					+ "PT12H or 12h");
		assertThat(output).doesNotContain("\tat ");
		assertThat(stub.requests()).isEmpty();
	}

	@Test
	void aRefusalOfCoinGeckoExitsWithOneAndOneLineThatSaysWhyAndHowToResume(EmbeddedKafkaBroker kafka,
			CapturedOutput output) {
		stub.willAnswer(MarketChartHistory.PATH, StubResponse.status(401, "{\"status\":{\"error_code\":10002,"
				+ "\"error_message\":\"API Key Missing\"}}"));

		ConfigurableApplicationContext context = run(kafka, "--backfill", "--period=P2D", "--to=2026-01-10",
				"--coins=polkadot");

		assertThat(SpringApplication.exit(context)).isEqualTo(1);
		assertThat(errorLines(output)).singleElement()
			.asString()
			.endsWith("Backfill failed: polkadot chunk 1/1 USD: CoinGecko refused the request: HTTP 401: "
					+ "'API Key Missing' (check cryptoviz.coingecko.api-key and api-key-type); run the backfill again "
					+ "to finish (the same period, --coins=polkadot): ticks published already land on the same points");
		assertThat(output).doesNotContain("\tat ");
	}

	@Test
	void noKafkaExitsWithOneBeforeAskingCoinGecko(CapturedOutput output) {
		SpringApplication application = ProducerApplication.application("--backfill");
		ConfigurableApplicationContext context = application.run("--backfill", "--period=P1D",
				"--spring.kafka.bootstrap-servers=127.0.0.1:1", "--spring.kafka.admin.operation-timeout=1s",
				"--cryptoviz.coingecko.base-url=" + stub.baseUrl());

		assertThat(SpringApplication.exit(context)).isEqualTo(1);
		assertThat(errorLines(output)).singleElement()
			.asString()
			.endsWith("Backfill failed: Kafka at 127.0.0.1:1 did not answer within 1 s: start it, or point "
					+ "spring.kafka.bootstrap-servers at it");
		assertThat(stub.requests()).isEmpty();
	}

	private static ConfigurableApplicationContext run(EmbeddedKafkaBroker kafka, String... options) {
		List<String> args = new ArrayList<>(List.of(options));
		args.add("--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString());
		args.add("--cryptoviz.coingecko.base-url=" + stub.baseUrl());
		args.add("--cryptoviz.coingecko.plans.keyless.calls-per-minute=6000");
		String[] all = args.toArray(String[]::new);
		return ProducerApplication.application(all).run(all);
	}

	private static List<String> errorLines(CapturedOutput output) {
		return output.getAll().lines().filter((line) -> line.contains(" ERROR ")).toList();
	}

}
