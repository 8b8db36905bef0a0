package com.fxdesk.slv.web.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The probe never touches Tomcat's request once the request has ended, and the end waits for a probe in progress. */
class ClientPresenceTest {
    @Test
    void endWaitsForAProbeInProgressAndNoProbeTouchesTheRequestAfterIt() throws Exception {
        org.apache.coyote.Request coyote = new org.apache.coyote.Request();
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        org.apache.coyote.ActionHook hook = (code, param) -> {
            reads.incrementAndGet();
            reading.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        // Tomcat's processor is the hook of a live request; setHook is package-private
        java.lang.reflect.Method setHook = org.apache.coyote.Request.class.getDeclaredMethod("setHook",
                org.apache.coyote.ActionHook.class);
        setHook.setAccessible(true);
        setHook.invoke(coyote, hook);
        ClientPresence probe = new ClientPresence(coyote);
        ExecutorService ex = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> first = ex.submit(probe::getAsBoolean);
            assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
            Future<?> end = ex.submit(probe::end);
            Thread.sleep(100);
            assertThat(end.isDone()).as("the request's end waits for the read in progress").isFalse();
            release.countDown();
            end.get(5, TimeUnit.SECONDS);
            assertThat(first.get(5, TimeUnit.SECONDS)).isFalse(); // nothing available: the client is there
            Thread.sleep(ClientPresence.PROBE_INTERVAL_MILLIS + 20);
            assertThat(probe.getAsBoolean()).as("ended: stop").isTrue();
            assertThat(reads.get()).as("no read after the end").isEqualTo(1);
        } finally {
            ex.shutdownNow();
        }
    }
}
