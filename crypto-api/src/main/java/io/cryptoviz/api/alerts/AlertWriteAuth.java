package io.cryptoviz.api.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import io.cryptoviz.api.problem.AuthenticationRequiredException;
import io.cryptoviz.api.problem.ForbiddenException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Who may change the rules: a request whose {@code Authorization: Bearer …} is the configured token. The
 * token is compared in constant time (SHA-256 digests of both, compared with {@link MessageDigest#isEqual},
 * so neither the content nor the length leaks through timing) and appears in no log or answer.
 */
@Component
class AlertWriteAuth {

	private static final String BEARER = "Bearer ";

	private final byte @Nullable [] token;

	AlertWriteAuth(AlertProperties properties) {
		String configured = properties.token();
		this.token = (configured != null && !configured.isBlank()) ? digest(configured.strip()) : null;
	}

	/**
	 * @throws AuthenticationRequiredException without a bearer token
	 * @throws ForbiddenException with a token that is not the configured one, or when none is configured
	 */
	void check(@Nullable String authorization) {
		if (authorization == null || authorization.isBlank()) {
			throw new AuthenticationRequiredException(
					"Changing alert rules needs the header Authorization: Bearer <token> (cryptoviz.api.alerts.token).");
		}
		if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			throw new AuthenticationRequiredException("Authorization must be a bearer token: Bearer <token>.");
		}
		if (this.token == null) {
			throw new ForbiddenException(
					"Changing alert rules over HTTP is switched off: no cryptoviz.api.alerts.token is configured.");
		}
		byte[] given = digest(authorization.substring(BEARER.length()).strip());
		if (!MessageDigest.isEqual(given, this.token)) {
			throw new ForbiddenException("This token may not change alert rules.");
		}
	}

	private static byte[] digest(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
