package com.fxdesk.slv.web.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fxdesk.slv.config.ComputeProperties;
import com.fxdesk.slv.jobs.JobsProperties;
import com.fxdesk.slv.web.errors.ApiProblemException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Admission by estimated cost and the deadline of synchronous work, without a server. */
class ComputeGateTest {
    private static ComputeGate gate(Duration deadline, int maxHeavy) {
        return new ComputeGate(new ComputeProperties(deadline, 1000, maxHeavy, Duration.ofSeconds(3), 1.0, 0.9, 16),
                new JobsProperties(2, 1, 4, Duration.ofSeconds(30), 8, Duration.ofHours(1), Duration.ofSeconds(5),
                        Duration.ofSeconds(5)));
    }

    /** Work like the engine's: polls the signal between chunks and stops with CancellationException. */
    private static String spin(java.util.function.BooleanSupplier cancelled) {
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("stopped");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void workBeyondTheDeadlineStopsAndAnswers503WithRetryAfter() {
        ComputeGate g = gate(Duration.ofMillis(150), 1);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> g.run(10, ComputeGateTest::spin)).isInstanceOfSatisfying(ApiProblemException.class,
                e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(e.headers().getFirst("Retry-After")).isEqualTo("3");
                });
        assertThat(System.nanoTime() - t0).isBetween(Duration.ofMillis(140).toNanos(), Duration.ofSeconds(2).toNanos());
    }

    @Test
    void largeWorkBeyondTheSlotsIs429AtOnceWhileSmallWorkStillRuns() throws Exception {
        ComputeGate g = gate(Duration.ofSeconds(10), 1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            Future<String> big = ex.submit(() -> g.run(5000, c -> {
                started.countDown();
                release.await();
                return "big";
            }));
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(g.saturation()).isEqualTo(1.0);
            assertThatThrownBy(() -> g.run(5000, c -> "second big"))
                    .isInstanceOfSatisfying(ApiProblemException.class,
                            e -> assertThat(e.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS));
            String small = g.run(10, c -> "small");
            assertThat(small).isEqualTo("small"); // not queued behind the large one
            release.countDown();
            assertThat(big.get(5, TimeUnit.SECONDS)).isEqualTo("big");
            assertThat(g.saturation()).isZero();
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void largeWorkPausesAtItsPollsWhileSmallWorkIsInProgress() throws Exception {
        ComputeGate g = gate(Duration.ofSeconds(10), 1);
        java.util.concurrent.atomic.AtomicLong chunks = new java.util.concurrent.atomic.AtomicLong();
        CountDownLatch smallStarted = new CountDownLatch(1);
        CountDownLatch smallRelease = new CountDownLatch(1);
        ExecutorService ex = Executors.newFixedThreadPool(2);
        try {
            Future<String> big = ex.submit(() -> g.run(5000, c -> {
                while (chunks.get() < 1_000_000_000L) {
                    if (c.getAsBoolean()) {
                        throw new CancellationException("stopped");
                    }
                    chunks.incrementAndGet(); // one "chunk" of work per poll
                    if (chunks.get() > 2_000 && smallRelease.getCount() == 0 && g.running() == 1) {
                        return "big";
                    }
                }
                return "big";
            }));
            while (chunks.get() < 1_000) {
                Thread.onSpinWait();
            }
            Future<String> small = ex.submit(() -> g.run(10, c -> {
                smallStarted.countDown();
                smallRelease.await();
                return "small";
            }));
            assertThat(smallStarted.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(20); // the large work reaches its next poll and pauses there
            long paused = chunks.get();
            Thread.sleep(200);
            assertThat(chunks.get()).as("no chunk of large work while the small one runs").isEqualTo(paused);
            assertThat(g.running()).isEqualTo(2);
            smallRelease.countDown();
            assertThat(small.get(5, TimeUnit.SECONDS)).isEqualTo("small");
            assertThat(big.get(5, TimeUnit.SECONDS)).isEqualTo("big"); // resumed and finished
            assertThat(chunks.get()).isGreaterThan(paused);
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void aDispatchHoldsLargeWorkBackForItsFirstSecondOnly() throws Exception {
        ComputeGate g = gate(Duration.ofSeconds(10), 1);
        java.util.concurrent.atomic.AtomicLong chunks = new java.util.concurrent.atomic.AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        ExecutorService ex = Executors.newSingleThreadExecutor();
        g.foregroundEnter(); // this thread is now a request's dispatch (e.g. one waiting for a job)
        try {
            Future<String> big = ex.submit(() -> g.run(5000, c -> {
                while (done.getCount() > 0) {
                    if (c.getAsBoolean()) {
                        throw new CancellationException("stopped");
                    }
                    chunks.incrementAndGet();
                }
                return "big";
            }));
            Thread.sleep(300);
            assertThat(chunks.get()).as("paused behind a young dispatch").isLessThanOrEqualTo(1);
            Thread.sleep(1_000);
            long later = chunks.get();
            Thread.sleep(100);
            assertThat(chunks.get()).as("resumed: the dispatch is older than a second").isGreaterThan(later);
            done.countDown();
            assertThat(big.get(5, TimeUnit.SECONDS)).isEqualTo("big");
        } finally {
            g.foregroundExit();
            ex.shutdownNow();
        }
    }
}
