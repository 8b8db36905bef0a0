package com.fxdesk.slv.security;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import java.util.List;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Every endpoint needs a client except the health probes, the API documentation and the error page: an API key in
 * {@code X-API-Key} or, when an issuer / JWK set / public key is configured, an OAuth2 JWT bearer token. Stateless
 * (no session, no CSRF token: no cookies are ever issued). Spring Security's default headers stay on
 * (X-Content-Type-Options: nosniff, Cache-Control: no-store, X-Frame-Options: DENY), plus Referrer-Policy.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfig {

    static final String[] OPEN = {"/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
            "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**", "/error"};

    @Bean
    SecurityFilterChain slvSecurity(HttpSecurity http, SecurityProperties props, ObjectProvider<JwtDecoder> jwt)
            throws Exception {
        JwtDecoder decoder = jwt.getIfAvailable();
        // with a JWT issuer configured the service is not open without keys: no key is generated then
        ApiKeys keys = ApiKeys.from(props.apiKeys(), props.generateKey() && decoder == null);
        ProblemAuthenticationEntryPoint problems = new ProblemAuthenticationEntryPoint(decoder != null);
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> h.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(a -> a
                        // an ASYNC dispatch only writes the answer of a request authorized on its REQUEST dispatch
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll()
                        .requestMatchers(OPEN).permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, problems),
                        BearerTokenAuthenticationFilter.class);
        if (decoder != null) {
            http.oauth2ResourceServer(o -> o.jwt(j -> j.decoder(decoder).jwtAuthenticationConverter(SecurityConfig::jwtClient))
                    .authenticationEntryPoint(problems).accessDeniedHandler(problems));
        }
        return http.build();
    }

    /**
     * A token's client is its subject, in a namespace of its own ("jwt:" + sub), so that no token can take the
     * identity (and the jobs) of an API-key client such as the generated "default"; a token without a subject names
     * no client and is refused (401).
     */
    public static AbstractAuthenticationToken jwtClient(Jwt jwt) {
        String sub = jwt.getSubject();
        if (sub == null || sub.isBlank()) {
            throw new InvalidBearerTokenException("the token has no subject (sub), so it names no client");
        }
        return new JwtAuthenticationToken(jwt, List.of(), JWT_CLIENT_PREFIX + sub);
    }

    /** Prefix of the client id of a JWT-authenticated caller. */
    public static final String JWT_CLIENT_PREFIX = "jwt:";
}
