package io.cryptoviz.producer.coingecko;

import java.time.Clock;

import io.cryptoviz.producer.budget.BudgetProperties;
import io.cryptoviz.producer.budget.CallBudget;
import io.cryptoviz.producer.budget.PlansProperties;
import io.cryptoviz.producer.budget.Waiter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CoinGeckoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Waiter waiter(Clock clock) {
		return Waiter.sleeping(clock);
	}

	/** The budget of the plan the key says: one per producer, shared by live polling and history. */
	@Bean
	CallBudget callBudget(CoinGeckoProperties properties, PlansProperties plans, BudgetProperties budget,
			Clock clock, Waiter waiter, MeterRegistry meters) {
		return new CallBudget(properties.plan(), plans.of(properties.plan()), budget, clock, waiter, meters);
	}

	@Bean
	CoinGeckoClient coinGeckoClient(CoinGeckoProperties properties, CallBudget budget, JsonMapper jsonMapper,
			MeterRegistry meters, Clock clock) {
		return new CoinGeckoClient(properties, budget, jsonMapper, meters, clock);
	}

	@Bean
	CoinGeckoKeyUsage coinGeckoKeyUsage(CoinGeckoClient client, CallBudget budget, BudgetProperties properties,
			Clock clock) {
		return new CoinGeckoKeyUsage(client, budget, properties.keyCheckInterval(), clock);
	}

}
