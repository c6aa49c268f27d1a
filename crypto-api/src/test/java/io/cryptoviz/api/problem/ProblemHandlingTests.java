package io.cryptoviz.api.problem;

import io.cryptoviz.api.ApiSliceTests;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ProblemHandlingTests extends ApiSliceTests {

	@Test
	void whenPathIsUnknownThen404Problem() throws Exception {
		this.mvc.perform(get("/api/v1/prices"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(404))
			.andExpect(jsonPath("$.title").value("Not Found"));
	}

	@Test
	void whenMethodIsNotAllowedThen405Problem() throws Exception {
		this.mvc.perform(post("/api/v1/latest"))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(405));
	}

	@Test
	void whenClientAcceptsOnlyHtmlThenTheProblemIsStillJson() throws Exception {
		this.mvc.perform(get("/api/v1/coins/dogecoin/latest").accept(MediaType.TEXT_HTML))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:cryptoviz:problem:unknown-coin"));
	}

	@Test
	void whenSomethingUnforeseenFailsThen500ProblemThatShowsNothingOfIt() throws Exception {
		given(this.latest.all()).willThrow(new IllegalStateException("secret detail at /opt/app/Thing.java:42"));

		this.mvc.perform(get("/api/v1/latest"))
			.andExpect(status().isInternalServerError())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Internal error"))
			.andExpect(content().string(not(containsString("secret"))))
			.andExpect(content().string(not(containsString("Exception"))));
	}

	@Test
	void whenTheQueryStringCannotBeDecodedThen400Problem() throws Exception {
		given(this.latest.all()).willThrow(new org.apache.tomcat.util.http.InvalidParameterException(
				"Character decoding failed. Parameter [from] with value [%ZZ] has been ignored."));

		this.mvc.perform(get("/api/v1/latest"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("urn:cryptoviz:problem:invalid-parameter"))
			.andExpect(jsonPath("$.detail").value(
					"The query string could not be decoded: parameters must be percent-encoded UTF-8."));
	}

	@Test
	void whenTheContainerReportsAnErrorThenTheErrorPageIsAProblemToo() throws Exception {
		this.mvc
			.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 413)
				.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/api/v1/latest"))
			.andExpect(status().isPayloadTooLarge())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(413))
			.andExpect(jsonPath("$.title").value("Content Too Large"))
			.andExpect(jsonPath("$.instance").value("/api/v1/latest"));
	}

	@Test
	void whenTheErrorPageHasNoStatusThenItIsA500Problem() throws Exception {
		this.mvc.perform(get("/error"))
			.andExpect(status().isInternalServerError())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

}
