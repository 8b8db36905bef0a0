package com.fxdesk.slv.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fxdesk.slv.config.JobsProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobServiceTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private JobService service;

    private JobService service(int queue, int maxFinished, Duration ttl, Clock clock) {
        JobsProperties p = new JobsProperties(2, 1, queue, Duration.ofSeconds(7), maxFinished, ttl,
                Duration.ofSeconds(5), Duration.ofSeconds(5));
        service = new JobService(p, pool, registry, clock);
        return service;
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.shutdown(Duration.ZERO);
        }
        pool.shutdownNow();
    }

    /** A task that blocks until released, checking the cancel flag like an engine would each step. */
    private static JobTask blocking(CountDownLatch started, CountDownLatch release) {
        return ctx -> {
            started.countDown();
            while (!release.await(5, TimeUnit.MILLISECONDS)) {
                if (ctx.cancelled().getAsBoolean()) {
                    throw new java.util.concurrent.CancellationException();
                }
            }
            ctx.progress(0.5, "half");
            return new JobOutcome("done", null);
        };
    }

    @Test
    void runsToSuccessWithProgressAndComputePool() {
        JobService s = service(4, 10, Duration.ofHours(1), Clock.systemUTC());
        Job job = s.submit("test", ctx -> {
            int sum = ctx.computePool().submit(() -> 21 * 2).get();
            ctx.progress(0.4, "phase");
            return new JobOutcome(sum, "internal");
        });
        s.await(job, Duration.ofSeconds(5));
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.outcome().view()).isEqualTo(42);
        assertThat(job.progress()).isEqualTo(1.0);
        assertThat(registry.get("slv.jobs.finished").tag("status", "SUCCEEDED").counter().count()).isEqualTo(1);
    }

    @Test
    void failureOfOneJobDoesNotAffectTheNext() {
        JobService s = service(4, 10, Duration.ofHours(1), Clock.systemUTC());
        Job bad = s.submit("test", ctx -> {
            throw new IllegalStateException("boom");
        });
        Job worse = s.submit("test", ctx -> {
            throw new StackOverflowError();
        });
        Job invalid = s.submit("test", ctx -> {
            throw new IllegalArgumentException("quotes cannot be inverted");
        });
        Job good = s.submit("test", ctx -> new JobOutcome("ok", null));
        s.await(good, Duration.ofSeconds(5));
        assertThat(bad.status()).isEqualTo(JobStatus.FAILED);
        assertThat(bad.error()).startsWith("internal error (reference").doesNotContain("boom");
        assertThat(worse.status()).isEqualTo(JobStatus.FAILED);
        assertThat(invalid.error()).isEqualTo("quotes cannot be inverted");
        assertThat(good.status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void fullQueueIsRejectedAndQueuedJobCanBeCancelled() throws Exception {
        JobService s = service(1, 10, Duration.ofHours(1), Clock.systemUTC());
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Job running = s.submit("test", blocking(started, release));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        Job queued = s.submit("test", ctx -> new JobOutcome("late", null));
        assertThat(queued.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(registry.get("slv.jobs.queued").gauge().value()).isEqualTo(1);
        assertThat(registry.get("slv.jobs.running").gauge().value()).isEqualTo(1);
        assertThatThrownBy(() -> s.submit("test", ctx -> null)).isInstanceOf(QueueFullException.class);
        assertThat(s.cancel(queued)).isTrue();
        assertThat(queued.status()).isEqualTo(JobStatus.CANCELLED);
        s.submit("test", ctx -> null); // the slot is free again
        release.countDown();
        s.await(running, Duration.ofSeconds(5));
        assertThat(running.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(s.cancel(running)).isFalse();
    }

    @Test
    void runningJobIsCancelledThroughTheFlag() throws Exception {
        JobService s = service(2, 10, Duration.ofHours(1), Clock.systemUTC());
        CountDownLatch started = new CountDownLatch(1);
        Job job = s.submit("test", blocking(started, new CountDownLatch(1)));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
        s.cancel(job);
        s.await(job, Duration.ofSeconds(5));
        assertThat(job.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(registry.get("slv.jobs.finished").tag("status", "CANCELLED").counter().count()).isEqualTo(1);
    }

    @Test
    void finishedJobsExpireAfterTtlAndBeyondCapacity() {
        MutableClock clock = new MutableClock();
        JobService s = service(4, 2, Duration.ofMinutes(10), clock);
        Job a = s.submit("test", ctx -> new JobOutcome("a", null));
        s.await(a, Duration.ofSeconds(5));
        clock.advance(Duration.ofMinutes(1));
        Job b = s.submit("test", ctx -> new JobOutcome("b", null));
        s.await(b, Duration.ofSeconds(5));
        clock.advance(Duration.ofMinutes(1));
        Job c = s.submit("test", ctx -> new JobOutcome("c", null));
        s.await(c, Duration.ofSeconds(5));
        assertThat(s.list()).extracting(Job::id).containsExactly(c.id(), b.id()); // newest first, a evicted
        clock.advance(Duration.ofMinutes(11));
        assertThat(s.find(c.id())).isEmpty();
    }

    @Test
    void awaitReturnsUnfinishedJobAfterTimeout() throws Exception {
        JobService s = service(2, 10, Duration.ofHours(1), Clock.systemUTC());
        CountDownLatch release = new CountDownLatch(1);
        Job job = s.submit("test", blocking(new CountDownLatch(1), release));
        long t0 = System.nanoTime();
        s.await(job, Duration.ofMillis(200));
        assertThat(job.status().isFinal()).isFalse();
        assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(3));
        release.countDown();
    }

    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A reader that sees a final status sees its outcome, finishedAt and phase too (status is written last). */
    @Test
    void finalStatusIsPublishedAfterTheOutcome() throws Exception {
        JobOutcome outcome = new JobOutcome("view", "internal");
        for (int round = 0; round < 2000; round++) {
            Job job = new Job("j" + round, "test", "client", Instant.EPOCH);
            job.progress(0.9, "particles");
            CountDownLatch go = new CountDownLatch(1);
            Thread writer = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                job.finish(JobStatus.SUCCEEDED, outcome, null, Instant.EPOCH.plusSeconds(1));
            });
            writer.start();
            go.countDown();
            while (!job.status().isFinal()) {
                Thread.onSpinWait();
            }
            assertThat(job.outcome()).isSameAs(outcome);
            assertThat(job.finishedAt()).isNotNull();
            assertThat(job.phase()).isEqualTo("done");
            writer.join();
        }
    }

    /** SIGTERM: no new jobs; the queued one cancelled at once; the running one finishes within the grace period. */
    @Test
    void shutdownLetsRunningJobsFinishCancelsQueuedOnesAndRecordsEveryFinalState() throws Exception {
        JobService s = service(4, 10, Duration.ofHours(1), Clock.systemUTC());
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Job running = s.submit("alice", "test", blocking(started, release));
        Job queued = s.submit("bob", "test", ctx -> new JobOutcome("never", null));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                return;
            }
            release.countDown(); // finishes well within the grace period
        }).start();
        List<Job> recorded = s.shutdown(Duration.ofSeconds(5));
        assertThat(recorded).extracting(Job::id).containsExactlyInAnyOrder(running.id(), queued.id());
        assertThat(running.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(queued.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(queued.error()).contains("shut down");
        assertThatThrownBy(() -> s.submit("alice", "test", ctx -> null)).isInstanceOf(ShuttingDownException.class);
    }

    /** A running job that outlives the grace period is cancelled and recorded as such. */
    @Test
    void shutdownCancelsJobsThatOutliveTheGracePeriod() throws Exception {
        JobService s = service(4, 10, Duration.ofHours(1), Clock.systemUTC());
        CountDownLatch started = new CountDownLatch(1);
        Job running = s.submit("alice", "test", blocking(started, new CountDownLatch(1)));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        long t0 = System.nanoTime();
        assertThat(s.shutdown(Duration.ofMillis(200))).extracting(Job::id).containsExactly(running.id());
        assertThat(running.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(System.nanoTime() - t0).isLessThan(Duration.ofSeconds(3).toNanos());
    }

    @Test
    void jobsBelongToTheirOwner() {
        JobService s = service(4, 10, Duration.ofHours(1), Clock.systemUTC());
        Job a = s.submit("alice", "test", ctx -> new JobOutcome("a", null));
        Job b = s.submit("bob", "test", ctx -> new JobOutcome("b", null));
        assertThat(s.find(a.id(), "alice")).contains(a);
        assertThat(s.find(a.id(), "bob")).isEmpty();
        assertThat(s.list("bob")).extracting(Job::id).containsExactly(b.id());
    }
}
