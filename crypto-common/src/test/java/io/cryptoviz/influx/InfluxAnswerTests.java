package io.cryptoviz.influx;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** InfluxDB's JSON answers, as InfluxDB 1.6 writes them. */
class InfluxAnswerTests {

	@Test
	void readsTheErrorOfAFailedStatementInASuccessfulAnswer() {
		InfluxAnswer answer = new InfluxAnswer(200,
				"{\"results\":[{\"statement_id\":0,\"error\":\"database not found: nope\"}]}");

		assertThat(answer.error()).isEqualTo("database not found: nope");
		assertThat(answer.firstColumn("name")).isEmpty();
	}

	@Test
	void readsTheErrorOfARefusedRequest() {
		assertThat(new InfluxAnswer(401, "{\"error\":\"authorization failed\"}").error())
			.isEqualTo("authorization failed");
	}

	@Test
	void readsOneColumnOfTheFirstSeriesAndNoErrorWhenTheStatementSucceeded() {
		InfluxAnswer answer = new InfluxAnswer(200, """
				{"results":[{"statement_id":0,"series":[{"columns":["name","duration","shardGroupDuration",\
				"replicaN","default"],"values":[["autogen","0s","168h0m0s",1,true],["rollups","0s","168h0m0s",1,false]]}]}]}""");

		assertThat(answer.error()).isNull();
		assertThat(answer.firstColumn("name")).containsExactly("autogen", "rollups");
		assertThat(answer.firstColumn("replicaN")).containsExactly("1", "1");
		assertThat(answer.firstColumn("missing")).isEmpty();
	}

	@Test
	void aBodyThatIsNotJsonHasNoErrorAndNoColumns() {
		InfluxAnswer answer = new InfluxAnswer(502, "<html>Bad Gateway</html>");

		assertThat(answer.error()).isNull();
		assertThat(answer.firstColumn("name")).isEmpty();
	}

}
