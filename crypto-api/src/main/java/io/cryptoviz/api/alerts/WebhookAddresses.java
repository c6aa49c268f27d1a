package io.cryptoviz.api.alerts;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

import io.cryptoviz.api.problem.InvalidParameterException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Which webhook URLs the API may call (server-side request forgery): http or https, no credentials in the
 * URL, and a host every address of which is public, unless {@code cryptoviz.api.alerts.webhook.allowed-addresses}
 * lists it. Loopback, link-local (cloud metadata at 169.254.169.254), private (10/8, 172.16/12, 192.168/16,
 * fc00::/7), carrier-grade NAT (100.64/10), unspecified and multicast addresses are refused. The host is
 * resolved when a rule is made and again before every delivery, so a name that moves to such an address
 * is refused then too.
 */
@Component
class WebhookAddresses {

	private final List<Cidr> allowed;

	WebhookAddresses(AlertProperties properties) {
		this.allowed = properties.webhook().allowedAddresses().stream().map(Cidr::parse).toList();
	}

	/** Why this URL may not be called, or {@code null} when it may. */
	@Nullable String refusal(String url) {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			return "webhook " + InvalidParameterException.shown(url) + " is not a URL.";
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			return "webhook must be an http or https URL, not " + InvalidParameterException.shown(url) + ".";
		}
		if (uri.getRawUserInfo() != null) {
			return "webhook must not carry credentials in the URL (they would end up in logs); "
					+ "the signature header authenticates the API to the receiver.";
		}
		String host = uri.getHost();
		if (host == null || host.isEmpty()) {
			return "webhook " + InvalidParameterException.shown(url) + " has no host.";
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
		}
		catch (UnknownHostException | SecurityException ex) {
			return "webhook host " + InvalidParameterException.shown(host) + " does not resolve.";
		}
		for (InetAddress address : addresses) {
			String kind = internal(address);
			if (kind != null && !allowed(address)) {
				return "webhook host " + InvalidParameterException.shown(host) + " resolves to " + address.getHostAddress()
						+ ", a " + kind + " address: webhooks may only call public addresses unless "
						+ "cryptoviz.api.alerts.webhook.allowed-addresses lists it.";
			}
		}
		return null;
	}

	private boolean allowed(InetAddress address) {
		return this.allowed.stream().anyMatch((cidr) -> cidr.contains(address));
	}

	/** What kind of non-public address this is, or {@code null} for a public one. */
	static @Nullable String internal(InetAddress address) {
		InetAddress plain = unmapped(address);
		if (plain.isLoopbackAddress()) {
			return "loopback";
		}
		if (plain.isLinkLocalAddress()) {
			return "link-local";
		}
		if (plain.isAnyLocalAddress()) {
			return "unspecified";
		}
		if (plain.isMulticastAddress()) {
			return "multicast";
		}
		if (plain.isSiteLocalAddress()) {
			return "private";
		}
		byte[] bytes = plain.getAddress();
		if (plain instanceof Inet4Address) {
			int first = bytes[0] & 0xff;
			int second = bytes[1] & 0xff;
			if (first == 0) {
				return "unspecified";
			}
			if (first == 100 && second >= 64 && second < 128) {
				return "carrier-grade NAT";
			}
			if (first >= 240) {
				return "reserved";
			}
		}
		else if ((bytes[0] & 0xfe) == 0xfc) {
			return "private";
		}
		return null;
	}

	/** An IPv4 address written as IPv6 ({@code ::ffff:127.0.0.1}) is that IPv4 address. */
	private static InetAddress unmapped(InetAddress address) {
		if (address instanceof Inet6Address) {
			byte[] bytes = address.getAddress();
			boolean mapped = bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
			for (int i = 0; i < 10 && mapped; i++) {
				mapped = bytes[i] == 0;
			}
			if (mapped) {
				try {
					return InetAddress.getByAddress(new byte[] { bytes[12], bytes[13], bytes[14], bytes[15] });
				}
				catch (UnknownHostException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		return address;
	}

	/** An address range, {@code 10.0.0.0/8}; a bare address is the range of itself alone. */
	record Cidr(byte[] network, int bits) {

		static Cidr parse(String text) {
			String[] parts = text.strip().split("/", 2);
			try {
				byte[] network = InetAddress.getByName(literal(parts[0])).getAddress();
				int bits = (parts.length == 2) ? Integer.parseInt(parts[1]) : network.length * 8;
				if (bits < 0 || bits > network.length * 8) {
					throw new IllegalArgumentException("Bad prefix length in " + text);
				}
				return new Cidr(network, bits);
			}
			catch (UnknownHostException | NumberFormatException ex) {
				throw new IllegalArgumentException("cryptoviz.api.alerts.webhook.allowed-addresses: '" + text
						+ "' is not an address or CIDR range", ex);
			}
		}

		private static String literal(String text) {
			if (!text.matches("[0-9a-fA-F:.\\[\\]]+")) {
				// a name would be looked up in DNS: only literal addresses belong in the allow-list
				throw new IllegalArgumentException("cryptoviz.api.alerts.webhook.allowed-addresses: '" + text
						+ "' is not an IP address");
			}
			return text.replace("[", "").replace("]", "");
		}

		boolean contains(InetAddress address) {
			byte[] candidate = unmapped(address).getAddress();
			if (candidate.length != this.network.length) {
				return false;
			}
			int full = this.bits / 8;
			for (int i = 0; i < full; i++) {
				if (candidate[i] != this.network[i]) {
					return false;
				}
			}
			int rest = this.bits % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xff << (8 - rest)) & 0xff;
			return (candidate[full] & mask) == (this.network[full] & mask);
		}

	}

}
