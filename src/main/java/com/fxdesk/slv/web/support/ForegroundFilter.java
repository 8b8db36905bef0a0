package com.fxdesk.slv.web.support;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts every dispatch of every request as foreground work for {@link ComputeGate}: large computations pause at
 * their next poll while any request is being read, authenticated, validated or written, not only while a small
 * computation runs. Those phases are short (milliseconds), and they are most of a small request's time; a dispatch
 * older than a second is waiting (e.g. for a job, wait=true) and no longer holds large computations back.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ForegroundFilter extends OncePerRequestFilter {
    private final ComputeGate gate;

    public ForegroundFilter(ComputeGate gate) {
        this.gate = gate;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        gate.foregroundEnter();
        try {
            chain.doFilter(request, response);
        } finally {
            gate.foregroundExit();
        }
    }

    /** The dispatch that writes an asynchronous answer is foreground work too. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }
}
