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
import org.springframework.stereotype.Service;

/**
 * Asynchronous jobs: a bounded queue in front of {@code concurrentJobs} runner threads, the shared compute pool
 * handed to each job, and a bounded in-memory store of finished jobs with a TTL. A job's failure (any Throwable
 * short of a VM error) is caught and recorded on that job only.
 */
@Service
public class JobService {
    private static final Logger LOG = LoggerFactory.getLogger(JobService.class);

    private final JobsProperties props;
    private final ExecutorService computePool;
    private final ThreadPoolExecutor runners;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final Map<JobStatus, Counter> finished = new EnumMap<>(JobStatus.class);
    private final Clock clock;

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

    /** Queues a job; throws {@link QueueFullException} when the queue is at capacity. */
    public Job submit(String kind, JobTask task) {
        evictExpired();
        Job job = new Job(UUID.randomUUID().toString(), kind, clock.instant());
        Runnable runnable = () -> run(job, task);
        job.queued = runnable;
        jobs.put(job.id(), job);
        try {
            runners.execute(runnable);
        } catch (RejectedExecutionException e) {
            jobs.remove(job.id());
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

    @PreDestroy
    void shutdown() {
        for (Job j : jobs.values()) {
            j.cancelFlag().set(true);
        }
        runners.shutdownNow();
    }
}
