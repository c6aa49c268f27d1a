package io.cryptoviz.api.alerts;

import java.time.Instant;
import java.util.Map;

import io.cryptoviz.api.problem.InvalidRuleException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every mistake in a rule is a 400 that names the field. */
class RuleParserTests {

	private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			`[1,2]`                                                                   | body       | An alert rule is a JSON object
			`{"coin":"bitcoin","condition":"price_above","level":1,"color":"red"}`    | color      | Unknown field 'color'
			`{"condition":"price_above","level":1}`                                   | coin       | coin is required
			`{"coin":"Bitcoin!","condition":"price_above","level":1}`                 | coin       | coin 'Bitcoin!' is not a coin id
			`{"coin":"bitcoin","level":1}`                                            | condition  | condition is required: one of price_above, price_below, move, rsi_cross.
			`{"coin":"bitcoin","condition":"crosses","level":1}`                      | condition  | condition 'crosses' is not one of
			`{"coin":"bitcoin","condition":"price_above"}`                            | level      | level is required
			`{"coin":"bitcoin","condition":"price_above","level":-5}`                 | level      | level must be a number above 0
			`{"coin":"bitcoin","condition":"price_above","level":"lots"}`             | level      | level 'lots' is not a number.
			`{"coin":"bitcoin","condition":"price_above","level":1,"currency":"gbp"}` | currency   | currency 'gbp' is not one of usd, eur.
			`{"coin":"bitcoin","condition":"price_above","level":1,"window":"1h"}`    | window     | window is not a field of a price_above rule.
			`{"coin":"bitcoin","condition":"move","window":"1h"}`                     | percent    | percent is required
			`{"coin":"bitcoin","condition":"move","percent":5}`                       | window     | window is required
			`{"coin":"bitcoin","condition":"move","percent":5,"window":"soon"}`       | window     | window 'soon' is not a duration
			`{"coin":"bitcoin","condition":"move","percent":5,"window":"30d"}`        | window     | window '30d' must be from 1m to 7d.
			`{"coin":"bitcoin","condition":"move","percent":5,"window":"1h","direction":"sideways"}` | direction | direction 'sideways' is not one of up, down, any.
			`{"coin":"bitcoin","condition":"rsi_cross","level":170,"direction":"up"}` | level      | level must be an RSI level above 0 and below 100
			`{"coin":"bitcoin","condition":"rsi_cross","level":70}`                   | direction  | direction is required: one of up, down.
			`{"coin":"bitcoin","condition":"rsi_cross","level":70,"direction":"up","period":1}` | period | period must be a whole number of candles from 2 to 200.
			`{"coin":"bitcoin","condition":"rsi_cross","level":70,"direction":"up","interval":"2h"}` | interval | interval '2h' is not one of 1m, 5m, 15m, 1h, 4h, 1d.
			`{"coin":"bitcoin","condition":"price_below","level":1,"rearm":"never"}`  | rearm      | rearm 'never' is not one of hysteresis, once.
			`{"coin":"bitcoin","condition":"price_below","level":1,"margin_pct":80}`  | margin_pct | margin_pct must be from 0 to 50
			`{"coin":"bitcoin","condition":"price_below","level":1,"rearm":"once","margin_pct":1}` | margin_pct | margin_pct is for rearm hysteresis
			`{"id":"BTC 100k","coin":"bitcoin","condition":"price_below","level":1}`  | id         | id 'BTC 100k' must be 1 to 64 lower-case letters
			`{"coin":"bitcoin","condition":"price_below","level":1,"webhook":7}`      | webhook    | webhook must be a string.
			""")
	void aBadRuleIsRefusedNamingTheField(String json, String field, String message) {
		InvalidRuleException refused = catchThrowableOfType(InvalidRuleException.class,
				() -> RuleParser.parse(JsonMapper.builder().build().readTree(json), null, NOW, AlertRule.API));

		assertThat(refused).as(json).isNotNull();
		assertThat(refused.field()).isEqualTo(field);
		assertThat(refused.getMessage()).contains(message);
	}

	@Test
	void aRuleTakesTheUsualDefaultsAndANewIdWhenItHasNone() {
		AlertRule rule = RuleParser.parse(
				JsonMapper.builder().build().readTree("{\"coin\":\"bitcoin\",\"condition\":\"rsi_cross\",\"level\":30,"
						+ "\"direction\":\"DOWN\"}"),
				null, NOW, AlertRule.API);

		assertThat(rule.id()).hasSize(36);
		assertThat(rule.period()).isEqualTo(14);
		assertThat(rule.interval()).isEqualTo("1h");
		assertThat(rule.direction()).isEqualTo("down");
		assertThat(rule.currency()).isEqualTo("usd");
		assertThat(rule.rearm()).isEqualTo("hysteresis");
		assertThat(rule.marginPct()).isEqualTo(1.0);
		assertThat(rule.createdAt()).isEqualTo(NOW);
	}

	@Test
	void aRuleOfTheConfigurationIsReadFromStringsUnderItsId() {
		AlertRule rule = RuleParser.parse(RuleParser.fromConfiguration(Map.of("coin", "ethereum", "condition", "move",
				"percent", "5", "window", "PT1H")), "eth-5", NOW, AlertRule.CONFIGURATION);

		assertThat(rule.id()).isEqualTo("eth-5");
		assertThat(rule.percent()).isEqualTo(5.0);
		assertThat(rule.windowLength()).hasHours(1);
		assertThat(rule.direction()).isEqualTo("any");
		assertThat(rule.origin()).isEqualTo("configuration");
	}

}
