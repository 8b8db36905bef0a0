package com.fxdesk.slv.web.support;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts the dispatches of authenticated API requests ({@code /api/v1/**}) as foreground work for
 * {@link ComputeGate}: large computations pause at their next poll while such a request is being read, validated or
 * written, not only while a small computation runs. Those phases are short (milliseconds), and they are most of a small
 * request's time; a dispatch older than a second is waiting (e.g. for a job, wait=true) and no longer holds large
 * computations back.
 * <p>
 * Ordered after Spring Security's filter chain (order -100), so that only a caller who has authenticated can make
 * large computations pause: anonymous requests (401s, health probes, API docs) would otherwise let anybody park every
 * large computation until its deadline. The asynchronous dispatch that writes an answer carries no authentication of
 * its own (stateless): it counts when its request's first dispatch counted.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class ForegroundFilter extends OncePerRequestFilter {
    private static final String COUNTED = ForegroundFilter.class.getName() + ".counted";
    private final ComputeGate gate;

    public ForegroundFilter(ComputeGate gate) {
        this.gate = gate;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!counts(request)) {
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(COUNTED, Boolean.TRUE);
        gate.foregroundEnter();
        try {
            chain.doFilter(request, response);
        } finally {
            gate.foregroundExit();
        }
    }

    private static boolean counts(HttpServletRequest request) {
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            return request.getAttribute(COUNTED) != null;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith("/api/v1/")) {
            return false;
        }
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a != null && a.isAuthenticated() && !(a instanceof AnonymousAuthenticationToken);
    }

    /** The dispatch that writes an asynchronous answer is foreground work too. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
