package com.fxdesk.slv.jobs;

import com.fxdesk.slv.config.ComputeConfig;
import com.fxdesk.slv.config.JobsProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;

/**
 * Asynchronous jobs: a bounded queue in front of {@code concurrentJobs} runner threads, the shared compute pool
 * handed to each job, and a bounded in-memory store of finished jobs with a TTL. A job's failure (any Throwable
 * short of a VM error) is caught and recorded on that job only.
 */
@Service
public class JobService implements SmartLifecycle {
    /** After the grace period, how long cancelled jobs get to observe their flag before the runners are stopped. */
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(JobService.class);

    private final JobsProperties props;
    private final ExecutorService computePool;
    private final ThreadPoolExecutor runners;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final Map<JobStatus, Counter> finished = new EnumMap<>(JobStatus.class);
    private final Clock clock;
    private volatile boolean accepting = true;

    @org.springframework.beans.factory.annotation.Autowired
    public JobService(JobsProperties props, ExecutorService slvComputePool, MeterRegistry registry) {
        this(props, slvComputePool, registry, Clock.systemUTC());
    }

    JobService(JobsProperties props, ExecutorService computePool, MeterRegistry registry, Clock clock) {
        this.props = props;
        this.computePool = computePool;
        this.clock = clock;
        int n = Math.max(1, props.concurrentJobs());
        this.runners = new ThreadPoolExecutor(n, n, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, props.queueCapacity())), ComputeConfig.named("slv-job-"),
                new ThreadPoolExecutor.AbortPolicy());
        for (JobStatus s : JobStatus.values()) {
            if (s.isFinal()) {
                finished.put(s, Counter.builder("slv.jobs.finished").description("Jobs by final status")
                        .tag("status", s.name()).register(registry));
            }
        }
        Gauge.builder("slv.jobs.running", running, AtomicInteger::get).description("Jobs running now")
                .register(registry);
        Gauge.builder("slv.jobs.queued", runners, r -> r.getQueue().size()).description("Jobs waiting to run")
                .register(registry);
    }

    /** Owner of jobs submitted without a client (engine-level tests). */
    public static final String NO_OWNER = "";

    /** Queues a job; throws {@link QueueFullException} when the queue is at capacity. */
    public Job submit(String kind, JobTask task) {
        return submit(NO_OWNER, kind, task);
    }

    /**
     * Queues a job owned by {@code owner}; throws {@link QueueFullException} when the queue is at capacity and
     * {@link ShuttingDownException} once the service is stopping.
     */
    public Job submit(String owner, String kind, JobTask task) {
        if (!accepting) {
            throw new ShuttingDownException();
        }
        evictExpired();
        Job job = new Job(UUID.randomUUID().toString(), kind, owner, clock.instant());
        Runnable runnable = () -> run(job, task);
        job.queued = runnable;
        jobs.put(job.id(), job);
        try {
            runners.execute(runnable);
        } catch (RejectedExecutionException e) {
            jobs.remove(job.id());
            if (!accepting) {
                throw new ShuttingDownException();
            }
            throw new QueueFullException(props.queueCapacity());
        }
        return job;
    }

    /** The alias of the newest SUCCEEDED job: lets examples and scripts name "the calibration I just ran". */
    public static final String LATEST = "latest";

    /** The job with this id, or for {@link #LATEST} the newest job that SUCCEEDED. */
    public Optional<Job> find(String id) {
        evictExpired();
        if (LATEST.equals(id)) {
            return list().stream().filter(j -> j.status() == JobStatus.SUCCEEDED).findFirst();
        }
        return Optional.ofNullable(jobs.get(id));
    }

    /** The job if it exists and belongs to {@code owner}; another client's job is indistinguishable from none. */
    public Optional<Job> find(String id, String owner) {
        return find(id).filter(j -> j.ownedBy(owner));
    }

    /** Recent jobs of {@code owner}, newest first. */
    public List<Job> list(String owner) {
        return list().stream().filter(j -> j.ownedBy(owner)).toList();
    }

    /** Recent jobs, newest first. */
    public List<Job> list() {
        evictExpired();
        List<Job> all = new ArrayList<>(jobs.values());
        all.sort(Comparator.comparing(Job::createdAt).reversed().thenComparing(Job::id));
        return all;
    }

    /**
     * Requests cancellation: a queued job is cancelled at once; a running one when its engine next checks the
     * flag. Returns false if the job had already finished.
     */
    public boolean cancel(Job job) {
        if (job.status().isFinal()) {
            return false;
        }
        job.cancelFlag().set(true);
        Runnable queued = job.queued;
        if (queued != null && runners.remove(queued)) {
            complete(job, JobStatus.CANCELLED, null, "cancelled before it started");
        }
        return true;
    }

    /**
     * Removes a finished job from the store (frees its result: a leverage function can be tens of MB). Returns
     * false if the job has not finished (cancel it first).
     */
    public boolean remove(Job job) {
        if (!job.status().isFinal()) {
            return false;
        }
        return jobs.remove(job.id(), job);
    }

    /** Waits up to min(timeout, slv.jobs.max-wait) for the job to finish; returns it in whatever state it is. */
    public Job await(Job job, Duration timeout) {
        Duration wait = timeout.compareTo(props.maxWait()) < 0 ? timeout : props.maxWait();
        try {
            job.done().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // not finished in time: the caller answers 202
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // done() is only ever completed normally
        }
        return job;
    }

    /** Jobs waiting to run over the queue's capacity, in [0, 1]. */
    public double queueFill() {
        return runners.getQueue().size() / (double) Math.max(1, props.queueCapacity());
    }

    /** Jobs running now. */
    public int runningCount() {
        return running.get();
    }

    public Duration maxWait() {
        return props.maxWait();
    }

    public Duration retryAfter() {
        return props.retryAfter();
    }

    private void run(Job job, JobTask task) {
        job.queued = null;
        if (job.cancelRequested()) {
            complete(job, JobStatus.CANCELLED, null, "cancelled before it started");
            return;
        }
        if (!job.start(clock.instant())) {
            return;
        }
        running.incrementAndGet();
        try {
            BooleanSupplier cancelled = job::cancelRequested;
            JobOutcome outcome = task.run(new JobContext() {
                @Override
                public ExecutorService computePool() {
                    return computePool;
                }

                @Override
                public BooleanSupplier cancelled() {
                    return cancelled;
                }

                @Override
                public void progress(double fraction, String phase) {
                    job.progress(fraction, phase);
                }
            });
            if (job.cancelRequested()) {
                complete(job, JobStatus.CANCELLED, null, "cancelled");
            } else {
                complete(job, JobStatus.SUCCEEDED, outcome, null);
            }
        } catch (VirtualMachineError e) {
            complete(job, JobStatus.FAILED, null, "the job ran out of resources: " + e.getClass().getSimpleName());
            if (!(e instanceof OutOfMemoryError)) {
                throw e;
            }
        } catch (Throwable e) {
            if (job.cancelRequested() || e instanceof CancellationException) {
                complete(job, JobStatus.CANCELLED, null, "cancelled");
            } else if (e instanceof IllegalArgumentException) {
                complete(job, JobStatus.FAILED, null, e.getMessage());
            } else {
                String ref = UUID.randomUUID().toString();
                LOG.error("job {} failed (reference {})", job.id(), ref, e);
                complete(job, JobStatus.FAILED, null, "internal error (reference " + ref + ")");
            }
        } finally {
            running.decrementAndGet();
        }
    }

    private void complete(Job job, JobStatus status, JobOutcome outcome, String error) {
        if (job.finish(status, outcome, error, clock.instant())) {
            finished.get(status).increment();
            job.done().complete(job); // after the counter, so that a waiter sees consistent metrics
        }
    }

    /** Drops finished jobs older than the TTL, then the oldest finished ones beyond max-finished. */
    void evictExpired() {
        Instant cutoff = clock.instant().minus(props.ttl());
        List<Job> done = new ArrayList<>();
        for (Job j : jobs.values()) {
            if (j.status().isFinal()) {
                if (j.finishedAt() != null && j.finishedAt().isBefore(cutoff)) {
                    jobs.remove(j.id());
                } else {
                    done.add(j);
                }
            }
        }
        int excess = done.size() - props.maxFinished();
        if (excess > 0) {
            // finishedAt is written just before the final status, but be safe against a null all the same
            done.sort(Comparator.comparing(Job::finishedAt, Comparator.nullsLast(Comparator.naturalOrder())));
            for (int i = 0; i < excess; i++) {
                jobs.remove(done.get(i).id());
            }
        }
    }

    // ---------------------------------------------------------------- shutdown (SIGTERM)

    @Override
    public void start() {
        accepting = true;
    }

    @Override
    public boolean isRunning() {
        return accepting;
    }

    /** Stops first (highest phase): while running jobs finish, the web server still answers GET /calibrations/{id}. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    @Override
    public void stop() {
        shutdown(props.shutdownGrace());
    }

    /**
     * Graceful stop: refuse new jobs; cancel queued ones; let running ones finish within {@code grace}, then cancel
     * them and give them a moment to observe the flag; record the final state of every job that was queued or
     * running (logged one line per job with its id; the job store keeps it where it is durable). Returns those jobs.
     */
    public List<Job> shutdown(Duration grace) {
        accepting = false;
        List<Job> open = jobs.values().stream().filter(j -> !j.status().isFinal()).toList();
        for (Job j : open) {
            if (j.status() == JobStatus.QUEUED) {
                j.cancelFlag().set(true);
                Runnable queued = j.queued;
                if (queued == null || runners.remove(queued)) {
                    complete(j, JobStatus.CANCELLED, null, "cancelled: the service shut down before it started");
                }
            }
        }
        runners.shutdown();
        awaitRunners(grace);
        for (Job j : open) {
            if (!j.status().isFinal()) {
                j.cancelFlag().set(true);
            }
        }
        awaitRunners(CANCEL_GRACE);
        for (Job j : open) {
            // a job that ignores its flag is recorded as cancelled all the same: nothing of it survives the process
            complete(j, JobStatus.CANCELLED, null, "cancelled: the service shut down while it was running");
            LOG.info("shutdown: job {} ({} of client {}) final state {}{}", j.id(), j.kind(), j.owner(), j.status(),
                    j.error() != null ? " (" + j.error() + ")" : "");
        }
        runners.shutdownNow();
        LOG.info("shutdown: {} queued or running job(s) recorded", open.size());
        return open;
    }

    private void awaitRunners(Duration d) {
        try {
            runners.awaitTermination(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void destroy() {
        if (accepting) {
            shutdown(Duration.ZERO); // a context closed without a lifecycle stop (tests)
        }
    }
}
