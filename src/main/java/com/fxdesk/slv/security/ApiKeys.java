package com.fxdesk.slv.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured API keys (client id → key), or one generated key when none is configured and no other way to
 * authenticate exists. Keys are kept only as SHA-256 digests and compared in constant time.
 */
public final class ApiKeys {
    public static final String HEADER = "X-API-Key";
    public static final String GENERATED_CLIENT = "default";
    public static final int MIN_KEY_LENGTH = 16;
    /** The start-up line that shows a generated key; the README quotes it. */
    static final String GENERATED_LOG = "Using generated API key for client '{}': {} (send it as header {}; it "
            + "changes at every start: set slv.security.api-keys.<client-id>=<key> to choose your own)";
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);

    private final Map<String, byte[]> digests; // client id → SHA-256 of its key

    private ApiKeys(Map<String, byte[]> digests) {
        this.digests = digests;
    }

    /** The configured keys; with none and {@code generate}, one random key for {@link #GENERATED_CLIENT}, logged. */
    public static ApiKeys from(Map<String, String> configured, boolean generate) {
        Map<String, byte[]> d = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : configured.entrySet()) {
            String key = e.getValue() == null ? "" : e.getValue().trim();
            if (key.length() < MIN_KEY_LENGTH) {
                throw new IllegalStateException("slv.security.api-keys." + e.getKey() + " must be at least "
                        + MIN_KEY_LENGTH + " characters long");
            }
            d.put(e.getKey(), sha256(key));
        }
        if (d.isEmpty() && generate) {
            byte[] raw = new byte[24];
            new SecureRandom().nextBytes(raw);
            String key = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            d.put(GENERATED_CLIENT, sha256(key));
            LOG.warn(GENERATED_LOG, GENERATED_CLIENT, key, HEADER);
        }
        return new ApiKeys(Map.copyOf(d));
    }

    public boolean isEmpty() {
        return digests.isEmpty();
    }

    /** The client whose key this is; every configured key is compared (no early exit leaks which one matched). */
    public Optional<String> clientOf(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        byte[] p = sha256(presented.trim());
        String match = null;
        for (Map.Entry<String, byte[]> e : digests.entrySet()) {
            if (MessageDigest.isEqual(p, e.getValue()) && match == null) {
                match = e.getKey();
            }
        }
        return Optional.ofNullable(match);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
