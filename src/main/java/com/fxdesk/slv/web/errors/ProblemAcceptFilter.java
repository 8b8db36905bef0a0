package com.fxdesk.slv.web.errors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A client that accepts only application/problem+json (to get machine-readable errors) would otherwise be refused
 * with 406 before its request is even validated, because the endpoints produce application/json. Such an Accept
 * header gets a low-priority application/json added: errors are still answered as problem+json (preferred), and a
 * success is answered as application/json, the only representation the endpoints have.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class ProblemAcceptFilter extends OncePerRequestFilter {
    private static final String PROBLEM = "application/problem+json";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null) {
            chain.doFilter(request, response);
            return;
        }
        String a = accept.toLowerCase(Locale.ROOT);
        if (!a.contains(PROBLEM) || a.contains("application/json") || a.contains("*/*")
                || a.contains("application/*")) {
            chain.doFilter(request, response);
            return;
        }
        String widened = accept + ", application/json;q=0.01";
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? widened : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return HttpHeaders.ACCEPT.equalsIgnoreCase(name) ? Collections.enumeration(java.util.List.of(widened))
                        : super.getHeaders(name);
            }
        }, response);
    }
}
