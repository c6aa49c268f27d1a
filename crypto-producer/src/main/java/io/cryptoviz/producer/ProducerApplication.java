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
@ConfigurationPropertiesScan(basePackages = { "io.cryptoviz.producer", "io.cryptoviz.tick" })
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
