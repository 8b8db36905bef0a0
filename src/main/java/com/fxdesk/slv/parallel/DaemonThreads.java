package com.fxdesk.slv.parallel;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Named daemon threads for the service's pools (a stuck pool must never keep the JVM from exiting). */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** Threads named prefix1, prefix2, … */
    public static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
