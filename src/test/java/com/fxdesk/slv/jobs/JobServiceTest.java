package com.fxdesk.slv.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fxdesk.slv.jobs.store.JobRecord;
import com.fxdesk.slv.jobs.store.JobStatus;
import com.fxdesk.slv.jobs.store.MemoryJobStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The job service on the memory store: life cycle, failures kept in their job, queue bound, cancel, eviction. */
class JobServiceTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    /** the test handler's work by request: the request names the task */
    private final Map<String, JobTask<String>> tasks = new ConcurrentHashMap<>();
    private final AtomicInteger names = new AtomicInteger();
    private JobService service;

    private JobService service(int queue, int maxFinished, Duration ttl, Clock clock) {
        JobsProperties p = new JobsProperties(2, 1, queue, Duration.ofSeconds(7), maxFinished, ttl,
                Duration.ofSeconds(5), Duration.ofSeconds(5));
        JobStoreProperties sp = new JobStoreProperties("memory", "test-replica", Duration.ofSeconds(15),
                Duration.ofMillis(50), 3, 4, 64, null);
        JobHandler<String> handler = new JobHandler<>() {
            @Override
            public String kind() {
                return "test";
            }

            @Override
            public Class<String> modelType() {
                return String.class;
            }

            @Override
            public JobTask<String> task(String request) {
                return tasks.get(request);
            }
        };
        service = new JobService(p, sp, new MemoryJobStore(clock), pool, registry, List.of(handler),
                JsonMapper.builder().build());
        return service;
    }

    private JobRecord submit(JobTask<String> task) {
        String name = "task-" + names.incrementAndGet();
        tasks.put(name, task);
        return service.submit("test", null, name);
    }

    private JobRecord await(JobRecord job) {
        return service.await(job.id(), Duration.ofSeconds(5)).orElseThrow();
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.destroy();
        }
        pool.shutdownNow();
    }

    /** A task that blocks until released, checking the cancel flag like an engine would each step. */
    private static JobTask<String> blocking(CountDownLatch started, CountDownLatch release) {
        return ctx -> {
            started.countDown();
            while (!release.await(5, TimeUnit.MILLISECONDS)) {
                if (ctx.cancelled().getAsBoolean()) {
                    throw new java.util.concurrent.CancellationException();
                }
            }
            ctx.progress(0.5, "half");
            return new JobOutcome<>(Map.of("done", true), null);
        };
    }

    @Test
    void runsToSuccessWithProgressComputePoolAndModel() throws Exception {
        JobService s = service(4, 10, Duration.ofHours(1), Clock.systemUTC());
        JobRecord job = await(submit(ctx -> {
            int sum = ctx.computePool().submit(() -> 21 * 2).get();
            ctx.progress(0.4, "phase");
            return new JobOutcome<>(Map.of("sum", sum), "internal");
        }));
        assertThat(job.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(job.progress()).isEqualTo(1.0);
        assertThat(job.worker()).isEqualTo("test-replica");
        assertThat(s.result(job.id()).orElseThrow().get("sum").asInt()).isEqualTo(42);
        assertThat(s.model(job.id(), String.class)).hasValue("internal");
        assertThat(s.model(job.id(), Integer.class)).as("another kind of model: none, no cast").isEmpty();
        assertThat(registry.get("slv.jobs.finished").tag("status", "SUCCEEDED").counter().count()).isEqualTo(1);
    }

    @Test
    void aModelNotInMemoryIsRebuiltFromTheStoredRequest() throws Exception {
        JobService s = service(4, 10, Duration.ofHours(1), Clock.systemUTC());
        AtomicInteger runs = new AtomicInteger();
        JobRecord[] jobs = new JobRecord[6];
        for (int i = 0; i < jobs.length; i++) {
            int k = i;
            jobs[i] = await(submit(ctx -> {
                runs.incrementAndGet();
                return new JobOutcome<>(Map.of("k", k), "model-" + k);
            }));
        }
        assertThat(runs.get()).isEqualTo(6);
        // 4 models are kept in memory (localModels): the first was dropped and is rebuilt on demand
        assertThat(s.model(jobs[0].id(), String.class)).hasValue("model-0");
        assertThat(runs.get()).isEqualTo(7);
        assertThat(s.model(jobs[5].id(), String.class)).hasValue("model-5");
        assertThat(runs.get()).isEqualTo(7);
    }

    @Test
    void failureOfOneJobDoesNotAffectTheNext() {
        service(8, 10, Duration.ofHours(1), Clock.systemUTC());
        JobRecord bad = submit(ctx -> {
            throw new IllegalStateException("boom");
        });
        JobRecord worse = submit(ctx -> {
            throw new StackOverflowError();
        });
        JobRecord invalid = submit(ctx -> {
            throw new IllegalArgumentException("quotes cannot be inverted");
        });
        JobRecord good = submit(ctx -> new JobOutcome<>("ok", null));
        assertThat(await(good).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(await(bad).status()).isEqualTo(JobStatus.FAILED);
        assertThat(await(bad).error()).startsWith("internal error (reference").doesNotContain("boom");
        assertThat(await(worse).status()).isEqualTo(JobStatus.FAILED);
        assertThat(await(invalid).error()).isEqualTo("quotes cannot be inverted");
    }

    @Test
    void fullQueueIsRejectedAndQueuedJobCanBeCancelled() throws Exception {
        JobService s = service(1, 10, Duration.ofHours(1), Clock.systemUTC());
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        JobRecord running = submit(blocking(started, release));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        JobRecord queued = submit(ctx -> new JobOutcome<>("late", null));
        assertThat(s.find(queued.id(), null).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
        assertThat(registry.get("slv.jobs.queued").gauge().value()).isEqualTo(1);
        assertThat(registry.get("slv.jobs.running").gauge().value()).isEqualTo(1);
        assertThatThrownBy(() -> submit(ctx -> null)).isInstanceOf(QueueFullException.class);
        assertThat(s.cancel(queued.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        submit(ctx -> new JobOutcome<>("x", null)); // the slot is free again
        release.countDown();
        assertThat(await(running).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(s.cancel(running.id()).orElseThrow().cancelRequested()).isFalse();
    }

    @Test
    void runningJobIsCancelledThroughTheFlag() throws Exception {
        JobService s = service(2, 10, Duration.ofHours(1), Clock.systemUTC());
        CountDownLatch started = new CountDownLatch(1);
        JobRecord job = submit(blocking(started, new CountDownLatch(1)));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(s.find(job.id(), null).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        assertThat(s.cancel(job.id()).orElseThrow().cancelRequested()).isTrue();
        assertThat(await(job).status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(registry.get("slv.jobs.finished").tag("status", "CANCELLED").counter().count()).isEqualTo(1);
    }

    @Test
    void finishedJobsExpireAfterTtlAndBeyondCapacity() {
        MutableClock clock = new MutableClock();
        JobService s = service(4, 2, Duration.ofMinutes(10), clock);
        JobRecord a = await(submit(ctx -> new JobOutcome<>("a", null)));
        clock.advance(Duration.ofMinutes(1));
        JobRecord b = await(submit(ctx -> new JobOutcome<>("b", null)));
        clock.advance(Duration.ofMinutes(1));
        JobRecord c = await(submit(ctx -> new JobOutcome<>("c", null)));
        assertThat(s.list(null, null)).extracting(JobRecord::id).containsExactlyInAnyOrder(c.id(), b.id());
        assertThat(s.find(a.id(), null)).isEmpty();
        clock.advance(Duration.ofMinutes(11));
        assertThat(s.find(c.id(), null)).isEmpty();
    }

    @Test
    void awaitReturnsUnfinishedJobAfterTimeout() throws Exception {
        JobService s = service(2, 10, Duration.ofHours(1), Clock.systemUTC());
        CountDownLatch release = new CountDownLatch(1);
        JobRecord job = submit(blocking(new CountDownLatch(1), release));
        long t0 = System.nanoTime();
        assertThat(s.await(job.id(), Duration.ofMillis(200)).orElseThrow().status().isFinal()).isFalse();
        assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(3));
        release.countDown();
    }

    @Test
    void clientsSeeOnlyTheirOwnJobs() {
        JobService s = service(8, 10, Duration.ofHours(1), Clock.systemUTC());
        tasks.put("t", ctx -> new JobOutcome<>("x", null));
        JobRecord alice = s.submit("test", "alice", "t");
        JobRecord anonymous = s.submit("test", null, "t");
        assertThat(s.find(alice.id(), "bob")).isEmpty();
        assertThat(s.find(alice.id(), "alice")).isPresent();
        assertThat(s.list("bob", null)).isEmpty();
        assertThat(s.list("alice", null)).extracting(JobRecord::id).containsExactly(alice.id());
        assertThat(s.list(null, null)).extracting(JobRecord::id).containsExactly(anonymous.id());
    }

    /** SIGTERM, memory store: no new jobs; queued ones cancelled at once; the running one finishes within grace. */
    @Test
    void shutdownLetsRunningJobsFinishCancelsQueuedOnesAndRecordsEveryFinalState() throws Exception {
        JobService s = service(4, 10, Duration.ofHours(1), Clock.systemUTC());
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        JobRecord running = submit(blocking(started, release));
        JobRecord queued = submit(ctx -> new JobOutcome<>("never", null));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                return;
            }
            release.countDown(); // finishes well within the grace period
        }).start();
        List<JobRecord> recorded = s.shutdown(Duration.ofSeconds(5));
        assertThat(recorded).extracting(JobRecord::id).containsExactlyInAnyOrder(running.id(), queued.id());
        assertThat(s.find(running.id(), null).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
        JobRecord cancelled = s.find(queued.id(), null).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.error()).contains("shut down");
        assertThatThrownBy(() -> submit(ctx -> null)).isInstanceOf(ShuttingDownException.class);
    }

    /** A running job that outlives the grace period is cancelled and recorded as such (memory store). */
    @Test
    void shutdownCancelsJobsThatOutliveTheGracePeriod() throws Exception {
        JobService s = service(4, 10, Duration.ofHours(1), Clock.systemUTC());
        CountDownLatch started = new CountDownLatch(1);
        JobRecord running = submit(blocking(started, new CountDownLatch(1)));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        long t0 = System.nanoTime();
        assertThat(s.shutdown(Duration.ofMillis(200))).extracting(JobRecord::id).containsExactly(running.id());
        assertThat(s.find(running.id(), null).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(System.nanoTime() - t0).isLessThan(Duration.ofSeconds(3).toNanos());
    }

    /** Spring pauses cached test contexts with stop() and resumes them with start(): the runners come back. */
    @Test
    void aStoppedServiceRunsJobsAgainOnceStarted() {
        JobService s = service(4, 10, Duration.ofHours(1), Clock.systemUTC());
        s.stop();
        assertThat(s.isRunning()).isFalse();
        assertThatThrownBy(() -> submit(ctx -> null)).isInstanceOf(ShuttingDownException.class);
        s.start();
        assertThat(await(submit(ctx -> new JobOutcome<>("again", null))).status()).isEqualTo(JobStatus.SUCCEEDED);
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
}
