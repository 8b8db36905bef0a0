package com.fxdesk.slv.web;

import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The contract of every successful JSON answer: strict JSON (no NaN or Infinity tokens) without a null or a
 * non-finite number anywhere. A field that does not apply is absent, never null. Applied to every 2xx JSON body of
 * the HTTP tests ({@link ApiTestSupport#send}) and of the fuzz test.
 */
public final class JsonContract {
    private static final JsonMapper STRICT = JsonMapper.builder().build();

    private JsonContract() {
    }

    /** The first breach of the contract in a 2xx JSON body ("null at $.a.b[2]", …), or null when there is none. */
    public static String breach(String body) {
        JsonNode root;
        try {
            root = STRICT.readTree(body);
        } catch (JacksonException e) {
            return "not strict JSON (NaN, Infinity or a syntax error): " + e.getOriginalMessage();
        }
        return breach(root, "$");
    }

    public static String breach(JsonNode n, String path) {
        if (n == null || n.isNull()) {
            return "null at " + path;
        }
        if (n.isNumber() && !Double.isFinite(n.asDouble())) {
            return "non-finite number at " + path;
        }
        if (n.isObject()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                String found = breach(e.getValue(), path + "." + e.getKey());
                if (found != null) {
                    return found;
                }
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                String found = breach(n.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** True for a JSON answer that is not a problem (problem+json bodies may name fields with null values). */
    public static boolean isSuccessJson(int status, String contentType) {
        return status >= 200 && status < 300 && contentType != null && contentType.startsWith("application/json");
    }
}
