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
final class ClientPresence {
    private static final Logger LOG = LoggerFactory.getLogger(ClientPresence.class);
    static final long PROBE_INTERVAL_MILLIS = 100;
    private static final Field FACADE_REQUEST = facadeRequest();

    private ClientPresence() {
    }

    /** A probe answering true once the client has gone; never true for requests of other containers. */
    static BooleanSupplier gone(ServletRequest request) {
        ServletRequest r = request;
        while (r instanceof ServletRequestWrapper w) {
            r = w.getRequest();
        }
        if (FACADE_REQUEST == null || !(r instanceof RequestFacade facade)) {
            return () -> false;
        }
        org.apache.coyote.Request coyote;
        try {
            coyote = ((org.apache.catalina.connector.Request) FACADE_REQUEST.get(facade)).getCoyoteRequest();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return () -> false;
        }
        AtomicLong next = new AtomicLong(System.nanoTime());
        boolean[] gone = {false};
        return () -> {
            long now = System.nanoTime();
            long due = next.get();
            if (gone[0] || now - due < 0 || !next.compareAndSet(due, now + PROBE_INTERVAL_MILLIS * 1_000_000)) {
                return gone[0];
            }
            synchronized (gone) {
                try {
                    coyote.action(ActionCode.AVAILABLE, Boolean.TRUE);
                    gone[0] = coyote.getAvailable() > 0;
                } catch (RuntimeException e) {
                    gone[0] = true; // the connection is unusable
                }
                return gone[0];
            }
        };
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
