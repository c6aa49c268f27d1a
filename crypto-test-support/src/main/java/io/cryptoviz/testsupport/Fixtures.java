package io.cryptoviz.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The CoinGecko responses, in the shape of CoinGecko's documentation, under {@code coingecko/}. */
public final class Fixtures {

	private Fixtures() {
	}

	public static String coinGecko(String name) {
		try (InputStream in = Fixtures.class.getResourceAsStream("/coingecko/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No CoinGecko fixture named " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
