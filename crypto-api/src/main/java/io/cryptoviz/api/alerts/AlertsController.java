package io.cryptoviz.api.alerts;

import java.net.URI;
import java.time.Clock;
import java.util.List;

import io.cryptoviz.api.problem.InvalidParameterException;
import io.cryptoviz.api.problem.InvalidRuleException;
import io.cryptoviz.api.problem.RuleInConfigurationException;
import io.cryptoviz.api.problem.UnknownRuleException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Alerts")
class AlertsController {

	private static final int MAX_BODY = 8 * 1024;

	private final RuleStore rules;

	private final AlertWriteAuth auth;

	private final WebhookAddresses addresses;

	private final AlertProperties properties;

	private final JsonMapper json;

	private final Clock clock;

	AlertsController(RuleStore rules, AlertWriteAuth auth, WebhookAddresses addresses, AlertProperties properties,
			JsonMapper json, Clock clock) {
		this.rules = rules;
		this.auth = auth;
		this.addresses = addresses;
		this.properties = properties;
		this.json = json;
		this.clock = clock;
	}

	@GetMapping("/api/v1/alerts")
	@Operation(summary = "Every alert rule, from the rules topic and the configuration, with whether it is armed")
	@ApiResponse(responseCode = "200", description = "the rules, by id; webhook URLs show their origin only")
	List<RuleView> list() {
		return this.rules.all().stream().map(this::view).toList();
	}

	@GetMapping("/api/v1/alerts/{id}")
	@Operation(summary = "One alert rule")
	@ApiResponse(responseCode = "200", description = "the rule")
	@ApiResponse(responseCode = "404", description = "no such rule")
	RuleView get(@PathVariable String id) {
		return view(require(id));
	}

	@PostMapping("/api/v1/alerts")
	@Operation(summary = "Create (or replace, by id) an alert rule",
			description = "Needs Authorization: Bearer <cryptoviz.api.alerts.token>. The rule is kept in a compacted "
					+ "Kafka topic: every API instance evaluates it, and a restart loses none.")
	@ApiResponse(responseCode = "201", description = "created; Location names it")
	@ApiResponse(responseCode = "200", description = "a rule of that id replaced")
	@ApiResponse(responseCode = "400", description = "a missing, malformed or refused field; field names it")
	@ApiResponse(responseCode = "401", description = "no bearer token")
	@ApiResponse(responseCode = "403", description = "a token that may not change rules")
	@ApiResponse(responseCode = "409", description = "a rule of that id is declared in configuration")
	ResponseEntity<RuleView> create(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestBody(required = false) @Nullable String body) {
		this.auth.check(authorization);
		AlertRule rule = RuleParser.parse(parse(body), null, this.clock.instant(), AlertRule.API);
		if (this.rules.isConfigured(rule.id())) {
			throw new RuleInConfigurationException("Rule " + InvalidParameterException.shown(rule.id())
					+ " is declared in configuration (cryptoviz.api.alerts.rules); change it there.");
		}
		if (rule.webhook() != null) {
			if (!this.properties.webhook().signs()) {
				throw new InvalidRuleException("webhook", "This API has no webhook secret "
						+ "(cryptoviz.api.alerts.webhook.secret) to sign deliveries with: webhooks are off.");
			}
			String refusal = this.addresses.refusal(rule.webhook());
			if (refusal != null) {
				throw new InvalidRuleException("webhook", refusal);
			}
		}
		boolean replaced = this.rules.get(rule.id()).isPresent();
		this.rules.put(rule);
		// a new rule, or one replaced, starts armed
		this.rules.save(rule.id(), new ArmState(true, this.clock.instant()));
		RuleView view = view(rule);
		return replaced ? ResponseEntity.ok(view)
				: ResponseEntity.created(URI.create("/api/v1/alerts/" + rule.id())).body(view);
	}

	@PostMapping("/api/v1/alerts/{id}/rearm")
	@Operation(summary = "Arm a rule again: one with rearm once fires only after this")
	@ApiResponse(responseCode = "200", description = "the rule, armed")
	@ApiResponse(responseCode = "401", description = "no bearer token")
	@ApiResponse(responseCode = "403", description = "a token that may not change rules")
	@ApiResponse(responseCode = "404", description = "no such rule")
	RuleView rearm(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@PathVariable String id) {
		this.auth.check(authorization);
		AlertRule rule = require(id);
		this.rules.save(rule.id(), new ArmState(true, this.clock.instant()));
		return view(rule);
	}

	@DeleteMapping("/api/v1/alerts/{id}")
	@Operation(summary = "Delete an alert rule")
	@ApiResponse(responseCode = "204", description = "deleted")
	@ApiResponse(responseCode = "401", description = "no bearer token")
	@ApiResponse(responseCode = "403", description = "a token that may not change rules")
	@ApiResponse(responseCode = "404", description = "no such rule")
	@ApiResponse(responseCode = "409", description = "declared in configuration")
	ResponseEntity<Void> delete(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@PathVariable String id) {
		this.auth.check(authorization);
		AlertRule rule = require(id);
		if (this.rules.isConfigured(rule.id())) {
			throw new RuleInConfigurationException("Rule " + InvalidParameterException.shown(id)
					+ " is declared in configuration (cryptoviz.api.alerts.rules); remove it there.");
		}
		this.rules.delete(rule.id());
		return ResponseEntity.noContent().build();
	}

	private AlertRule require(String id) {
		return this.rules.get(id)
			.orElseThrow(() -> new UnknownRuleException(
					"No alert rule " + InvalidParameterException.shown(id) + "; /api/v1/alerts lists them."));
	}

	private JsonNode parse(@Nullable String body) {
		if (body == null || body.isBlank()) {
			throw new InvalidRuleException("body", "The request needs a JSON alert rule as its body, such as "
					+ "{\"coin\":\"bitcoin\",\"condition\":\"price_above\",\"level\":100000}.");
		}
		if (body.length() > MAX_BODY) {
			throw new InvalidRuleException("body", "An alert rule takes at most " + MAX_BODY + " characters.");
		}
		try {
			return this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new InvalidRuleException("body", "The body is not JSON: " + ex.getOriginalMessage());
		}
	}

	private RuleView view(AlertRule rule) {
		ArmState state = this.rules.state(rule.id());
		return new RuleView(rule, (state == null) || state.armed(), (state != null) ? state.changedAt() : null,
				RuleView.webhookOrigin(rule.webhook()));
	}

}
