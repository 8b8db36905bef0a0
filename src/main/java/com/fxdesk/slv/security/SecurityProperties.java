package com.fxdesk.slv.security;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may call the API. JWT bearer tokens are configured with Spring Boot's own properties
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, {@code .jwk-set-uri} or {@code .public-key-location});
 * the client of a token is its {@code sub} claim.
 *
 * @param apiKeys       client id → API key, sent as header {@code X-API-Key}
 *                      ({@code slv.security.api-keys.<client-id>=<key>}); keys shorter than
 *                      {@link ApiKeys#MIN_KEY_LENGTH} characters are refused at start-up
 * @param generateKey   with neither API keys nor a JWT issuer configured, generate one key for client
 *                      {@link ApiKeys#GENERATED_CLIENT} at start-up and log it once (secure by default)
 */
@ConfigurationProperties("slv.security")
public record SecurityProperties(Map<String, String> apiKeys, @DefaultValue("true") boolean generateKey) {

    public SecurityProperties {
        apiKeys = apiKeys == null ? Map.of() : Map.copyOf(apiKeys);
    }
}
