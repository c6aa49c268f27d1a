package io.cryptoviz.api.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The webhook URLs the API refuses to call. Only address literals and localhost are used: nothing here is
 * looked up in DNS or connected to.
 */
class WebhookAddressesTests {

	private final WebhookAddresses none = addresses(List.of());

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			http://127.0.0.1:8080/hook             | a loopback address
			http://127.8.9.10/hook                 | a loopback address
			http://localhost/hook                  | a loopback address
			http://[::1]/hook                      | a loopback address
			http://[::ffff:127.0.0.1]/hook         | a loopback address
			http://169.254.169.254/latest/meta-data | a link-local address
			http://[fe80::1]/hook                  | a link-local address
			http://10.1.2.3/hook                   | a private address
			http://172.16.0.1/hook                 | a private address
			http://172.31.255.254/hook             | a private address
			https://192.168.1.10/hook              | a private address
			http://[fd12:3456::1]/hook             | a private address
			http://100.64.0.1/hook                 | a carrier-grade NAT address
			http://0.0.0.0/hook                    | an unspecified address
			http://224.0.0.1/hook                  | a multicast address
			""")
	void refusesLoopbackLinkLocalPrivateAndOtherInternalAddresses(String url, String kind) {
		assertThat(this.none.refusal(url)).contains("resolves to")
			.contains(kind.replace("an ", "a "))
			.contains("cryptoviz.api.alerts.webhook.allowed-addresses");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			ftp://93.184.216.34/hook               | webhook must be an http or https URL
			file:///etc/passwd                     | webhook must be an http or https URL
			http://user:secret@93.184.216.34/hook  | webhook must not carry credentials in the URL
			http:///hook                           | has no host
			'http://exa mple.com/'                 | is not a URL
			""")
	void refusesWhatIsNoHttpUrlOfAHost(String url, String reason) {
		assertThat(this.none.refusal(url)).contains(reason);
	}

	@Test
	void acceptsPublicAddresses() {
		assertThat(this.none.refusal("https://93.184.216.34/hooks/alerts")).isNull();
		assertThat(this.none.refusal("http://[2606:2800:220:1:248:1893:25c8:1946]:8443/hook")).isNull();
		// 172.32/16 is past the private 172.16/12
		assertThat(this.none.refusal("http://172.32.0.1/hook")).isNull();
	}

	@Test
	void theAllowListLetsThroughExactlyTheRangesItNames() {
		WebhookAddresses allowed = addresses(List.of("127.0.0.1/32", "10.20.0.0/16", "::1"));

		assertThat(allowed.refusal("http://127.0.0.1:9000/hook")).isNull();
		assertThat(allowed.refusal("http://[::1]:9000/hook")).isNull();
		assertThat(allowed.refusal("http://10.20.99.1/hook")).isNull();
		assertThat(allowed.refusal("http://10.21.0.1/hook")).contains("a private address");
		assertThat(allowed.refusal("http://127.0.0.2/hook")).contains("a loopback address");
	}

	@Test
	void theAllowListTakesAddressesNotNames() {
		assertThatIllegalArgumentException().isThrownBy(() -> addresses(List.of("intranet.example")))
			.withMessageContaining("'intranet.example' is not an IP address");
	}

	private static WebhookAddresses addresses(List<String> allowed) {
		return new WebhookAddresses(new AlertProperties(true, null, "r", "s", "a", "g", "d", "p",
				new AlertProperties.Webhook("secret", 3, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1),
						allowed),
				Map.of()));
	}

}
