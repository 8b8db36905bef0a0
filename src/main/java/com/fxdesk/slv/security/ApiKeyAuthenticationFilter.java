package com.fxdesk.slv.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request that carries {@code X-API-Key}: a known key makes its client the principal; an unknown one
 * is answered 401 at once (it is never silently treated as anonymous). Requests without the header pass on to the
 * other mechanisms (JWT bearer) and, failing those, to the entry point.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {
    private final ApiKeys keys;
    private final AuthenticationEntryPoint entryPoint;

    ApiKeyAuthenticationFilter(ApiKeys keys, AuthenticationEntryPoint entryPoint) {
        this.keys = keys;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(ApiKeys.HEADER);
        if (presented == null) {
            chain.doFilter(request, response);
            return;
        }
        String client = keys.clientOf(presented).orElse(null);
        if (client == null) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("unknown API key"));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(client, null,
                List.of(new SimpleGrantedAuthority("ROLE_CLIENT"))));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
