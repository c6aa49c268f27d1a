package io.cryptoviz.api;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Hostile values in every parameter of every endpoint: each gets a 400 or 404 problem that
 * names the parameter or the coin, never a 500 and never a query.
 */
class MalformedInputTests extends ApiSliceTests {

	static final List<String> HOSTILE = List.of("'", "\"", ";", "' OR 1=1 --", "\" OR \"\"=\"", "1m; DROP DATABASE x",
			"/* */", "--", "#", ".*", "^$", "/bitcoin/", "(?i)bitcoin", "[a-z]+", "\\", "\\'", "%27", "%00", "\u0000",
			"\r\nX-Injected: 1", "\u202Ebitcoin", "😀", "ｂｉｔｃｏｉｎ", "x".repeat(10_000), "-1", "0",
			"99999999999999999999999", "NaN", "Infinity", "null", "undefined", "{}", "[]", "1e309",
			"2025-10-31T00:00:00Z OR 1=1", "time > 0", "now() - 1d", "${jndi:ldap://x}", "<script>alert(1)</script>");

	static Stream<Arguments> hostileParameters() {
		List<Arguments> cases = new ArrayList<>();
		String[][] endpoints = { { "/api/v1/coins/bitcoin/history", "field", "aggregation", "from", "to", "interval" },
				{ "/api/v1/coins/bitcoin/candles", "currency", "from", "to", "interval" },
				{ "/api/v1/compare", "coins", "currency", "from", "to", "interval" },
				{ "/api/v1/sparklines", "coins", "currency" }, { "/api/v1/stream", "coins" } };
		for (String[] endpoint : endpoints) {
			for (int i = 1; i < endpoint.length; i++) {
				for (String value : HOSTILE) {
					cases.add(Arguments.of(endpoint[0], endpoint[i], value));
				}
			}
		}
		return cases.stream();
	}

	static Stream<String> hostileCoins() {
		return HOSTILE.stream();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("hostileParameters")
	void hostileParameterGetsA4xxProblemNamingIt(String path, String parameter, String value) throws Exception {
		MvcResult result = this.mvc.perform(get(path).param(parameter, value)).andReturn();

		assertThat(result.getResponse().getStatus()).as(() -> body(result)).isIn(400, 404);
		assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		if ("coins".equals(parameter)) {
			assertThat(body(result)).containsAnyOf("\"parameter\":\"coins\"", "Unknown coin");
		}
		else {
			assertThat(body(result)).contains("\"parameter\":\"" + parameter + "\"");
		}
	}

	@ParameterizedTest
	@MethodSource("hostileCoins")
	void hostileCoinGetsA404Problem(String coin) throws Exception {
		for (String template : List.of("/api/v1/coins/{coin}/latest", "/api/v1/coins/{coin}/history",
				"/api/v1/coins/{coin}/candles")) {
			MvcResult result = this.mvc.perform(get(template, coin)).andReturn();

			assertThat(result.getResponse().getStatus()).as(() -> template + " " + body(result)).isIn(400, 404);
			assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		}
	}

	private static String body(MvcResult result) {
		try {
			return result.getResponse().getContentAsString();
		}
		catch (Exception ex) {
			return ex.toString();
		}
	}

}
