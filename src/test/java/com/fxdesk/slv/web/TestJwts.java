package com.fxdesk.slv.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * A test RSA key pair generated per run: the service verifies tokens with its public key (a PEM file given as
 * spring.security.oauth2.resourceserver.jwt.public-key-location); tests sign real RS256 JWTs with the private key.
 */
final class TestJwts {
    private static final KeyPair PAIR;
    private static final Path PUBLIC_PEM;

    static {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            PAIR = g.generateKeyPair();
            PUBLIC_PEM = Files.createTempFile("slv-test-jwt", ".pem");
            PUBLIC_PEM.toFile().deleteOnExit();
            Files.writeString(PUBLIC_PEM, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(PAIR.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestJwts() {
    }

    static String publicKeyLocation() {
        return PUBLIC_PEM.toUri().toString();
    }

    /** The audience the test service requires (spring.security.oauth2.resourceserver.jwt.audiences). */
    static final String AUDIENCE = "slv-api";

    /** A token for {@code subject} signed with the test key, valid for {@code lifetimeSeconds} (negative: expired). */
    static String token(String subject, long lifetimeSeconds) {
        return sign(subject, lifetimeSeconds, (RSAPrivateKey) PAIR.getPrivate(), AUDIENCE);
    }

    /** A token signed with the test key for another audience (null: no aud claim at all). */
    static String tokenFor(String subject, String audience) {
        return sign(subject, 300, (RSAPrivateKey) PAIR.getPrivate(), audience);
    }

    /** The same token signed with a key the service does not know. */
    static String foreignToken(String subject) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return sign(subject, 300, (RSAPrivateKey) g.generateKeyPair().getPrivate(), AUDIENCE);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(String subject, long lifetimeSeconds, RSAPrivateKey key, String audience) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().subject(subject).issuer("https://issuer.test")
                .issueTime(Date.from(now.minusSeconds(Math.max(0, -lifetimeSeconds) + 60)))
                .expirationTime(Date.from(now.plusSeconds(lifetimeSeconds)));
        if (audience != null) {
            b.audience(audience);
        }
        JWTClaimsSet claims = b.build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
