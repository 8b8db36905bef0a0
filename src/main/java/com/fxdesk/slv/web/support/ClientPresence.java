package com.fxdesk.slv.web.support;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.catalina.connector.RequestFacade;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the client of a request in progress has closed its connection. Neither the Servlet API nor Tomcat report
 * this while a request computes (Tomcat does not read a connection whose request is in progress, even in async mode),
 * so the probe asks Tomcat for a non-blocking read of the connection: on a closed connection that read meets the end
 * of the stream, which Tomcat reports as available input; on a live one nothing is available (the request's body has
 * been read and HTTP clients send nothing more until they have the answer). Probes are at most one per
 * {@value #PROBE_INTERVAL_MILLIS} ms. Another container: the probe answers false (the deadline still bounds the work).
 */
final class ClientPresence implements BooleanSupplier {
    private static final Logger LOG = LoggerFactory.getLogger(ClientPresence.class);
    static final long PROBE_INTERVAL_MILLIS = 100;
    private static final Field FACADE_REQUEST = facadeRequest();

    /** Null for requests of other containers: the probe then only reports {@link #end}. */
    private final org.apache.coyote.Request coyote;
    private final Object lock = new Object();
    private final AtomicLong next = new AtomicLong(System.nanoTime());
    /** Written under {@link #lock}; volatile for the lock-free fast path. */
    private volatile boolean done;
    private volatile boolean gone;

    ClientPresence(org.apache.coyote.Request coyote) {
        this.coyote = coyote;
    }

    /**
     * A probe answering true once the client has gone or the request has ended ({@link #end}); never true for
     * requests of other containers before that.
     */
    static ClientPresence of(ServletRequest request) {
        ServletRequest r = request;
        while (r instanceof ServletRequestWrapper w) {
            r = w.getRequest();
        }
        if (FACADE_REQUEST == null || !(r instanceof RequestFacade facade)) {
            return new ClientPresence(null);
        }
        try {
            return new ClientPresence(((org.apache.catalina.connector.Request) FACADE_REQUEST.get(facade))
                    .getCoyoteRequest());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new ClientPresence(null);
        }
    }

    /**
     * The request has completed, failed or timed out: from now on the probe answers true and never touches the
     * connection again (Tomcat recycles the processor for another connection). Waits for a probe in progress, so it
     * must be called before the container recycles the request (the async listener's callbacks are).
     */
    void end() {
        synchronized (lock) {
            done = true;
        }
    }

    @Override
    public boolean getAsBoolean() {
        if (done) {
            return true;
        }
        long now = System.nanoTime();
        long due = next.get();
        if (coyote == null || gone || now - due < 0
                || !next.compareAndSet(due, now + PROBE_INTERVAL_MILLIS * 1_000_000)) {
            return gone || done;
        }
        // Tomcat's input buffer is not thread-safe: one probe at a time, and none once the request has ended
        synchronized (lock) {
            if (done) {
                return true;
            }
            try {
                coyote.action(ActionCode.AVAILABLE, Boolean.TRUE);
                gone = coyote.getAvailable() > 0;
            } catch (RuntimeException e) {
                gone = true; // the connection is unusable
            }
            return gone;
        }
    }

    private static Field facadeRequest() {
        try {
            Field f = RequestFacade.class.getDeclaredField("request");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("client disconnects will not stop computations (only their deadline will): {}", e.toString());
            return null;
        }
    }
}
