package io.cryptoviz.producer;

import io.cryptoviz.kafka.KafkaConfiguration;
import io.cryptoviz.producer.backfill.BackfillMode;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
// not io.cryptoviz.tick: the producer reads cryptoviz.coins as CoinsProperties, which also takes a top:N rule
@ConfigurationPropertiesScan(basePackages = "io.cryptoviz.producer")
@EnableScheduling
@Import(KafkaConfiguration.class)
public class ProducerApplication {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = application(args).run(args);
		if (context.getEnvironment().matchesProfiles(BackfillMode.PROFILE)) {
			// a command, not a service: done when the backfill is, with its exit code
			System.exit(SpringApplication.exit(context));
		}
	}

	/** The application; with {@code --backfill}, the backfill command instead of the live poller. */
	static SpringApplication application(String... args) {
		SpringApplication application = new SpringApplication(ProducerApplication.class);
		if (BackfillMode.isRequested(args)) {
			application.setAdditionalProfiles(BackfillMode.PROFILE);
		}
		return application;
	}

}
