package com.fxdesk.slv.jobs;

import com.fxdesk.slv.jobs.store.JobRecord;
import com.fxdesk.slv.jobs.store.JobStatus;
import com.fxdesk.slv.jobs.store.JobStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import com.fxdesk.slv.parallel.DaemonThreads;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asynchronous jobs on a {@link JobStore}: submissions go to the store's queue; {@code concurrentJobs} runner
 * threads claim jobs from it (from whichever replica submitted them), run them on the shared compute pool and
 * write the result back. A heartbeat renews this replica's leases, publishes progress, picks up cancel flags set
 * by any replica and re-queues jobs whose replica died. A job's failure (any Throwable short of a VM error) is
 * recorded on that job only.
 */
@Service
public class JobService implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(JobService.class);
    private static final Duration CLAIM_WAIT = Duration.ofMillis(500);
    /** After the grace period, how long cancelled jobs get to observe their flag before they are recorded as such. */
    private static final Duration CANCEL_GRACE = Duration.ofSeconds(2);

    private final JobsProperties props;
    private final JobStoreProperties storeProps;
    private final JobStore store;
    private final ExecutorService computePool;
    private final JsonMapper json;
    private final List<JobHandler<?>> handlers;
    private final String worker;
    private final boolean localStore;
    private final ExecutorService runners;
    private final ScheduledExecutorService heartbeat;
    private final Map<String, LocalRun> local = new ConcurrentHashMap<>();
    private final Map<String, Object> models;
    private final Map<JobStatus, Counter> finished = new EnumMap<>(JobStatus.class);
    private final AtomicInteger running = new AtomicInteger();
    private final DistributionSummary resultBytes;
    private final Object monitor = new Object();
    private volatile boolean stopping;
    private volatile boolean destroyed;
    private volatile boolean accepting = true;
    /** runner loops alive */
    private final AtomicInteger loops = new AtomicInteger();

    /** A job running on this replica: its cancel flag and the progress not yet published. */
    private static final class LocalRun {
        final String id;
        final AtomicBoolean cancel;
        volatile double progress;
        volatile String phase = "started";
        /** given back to the store at shutdown, or its lease was lost: its end is not this replica's to record */
        volatile boolean abandoned;

        LocalRun(String id, boolean cancelled) {
            this.id = id;
            this.cancel = new AtomicBoolean(cancelled);
        }
    }

    public JobService(JobsProperties props, JobStoreProperties storeProps, JobStore store,
                      ExecutorService slvComputePool, MeterRegistry registry, List<JobHandler<?>> handlers,
                      JsonMapper json) {
        this.props = props;
        this.storeProps = storeProps;
        this.store = store;
        this.computePool = slvComputePool;
        this.json = json;
        this.handlers = List.copyOf(handlers);
        this.worker = storeProps.replicaId().isBlank() ? defaultReplicaId() : storeProps.replicaId();
        this.localStore = !store.shared();
        int localModels = Math.max(1, storeProps.localModels());
        this.models = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
                return size() > localModels;
            }
        });
        for (JobStatus s : JobStatus.values()) {
            if (s.isFinal()) {
                finished.put(s, Counter.builder("slv.jobs.finished").description("Jobs by final status")
                        .tag("status", s.name()).register(registry));
            }
        }
        resultBytes = DistributionSummary.builder("slv.jobs.result.size").baseUnit("bytes")
                .description("Stored (deflated) size of job results").register(registry);
        Gauge.builder("slv.jobs.running", running, AtomicInteger::get).description("Jobs running on this replica")
                .register(registry);
        Gauge.builder("slv.jobs.queued", this, JobService::queuedSafely).description("Jobs waiting to run")
                .register(registry);
        int n = Math.max(1, props.concurrentJobs());
        this.runners = Executors.newFixedThreadPool(n, DaemonThreads.named("slv-job-"));
        startRunners();
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("slv-job-heartbeat-"));
        long every = Math.max(10, storeProps.heartbeat().toMillis());
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        LOG.info("jobs: replica {} on {}, {} runner(s)", worker, store.describe(), n);
    }

    /** This replica's name in leases. */
    public String replicaId() {
        return worker;
    }

    /** Queues a job of the given kind (its request as JSON); throws {@link QueueFullException} when the queue is full. */
    public JobRecord submit(String kind, String owner, String request) {
        return submitAll(kind, owner, null, List.of(request)).get(0);
    }

    /** Queues several jobs, all or none (a batch). */
    public List<JobRecord> submitAll(String kind, String owner, String batchId, List<String> requests) {
        if (!accepting) {
            throw new ShuttingDownException();
        }
        if (handler(kind) == null) {
            throw new IllegalArgumentException("no handler for job kind " + kind);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<JobStore.NewJob> jobs = new ArrayList<>(requests.size());
        for (String r : requests) {
            jobs.add(new JobStore.NewJob(JobRecord.queued(UUID.randomUUID().toString(), kind, owner, batchId, now),
                    r));
        }
        store.evict(props.ttl(), props.maxFinished());
        if (!store.enqueue(jobs, Math.max(1, props.queueCapacity()))) {
            throw new QueueFullException(props.queueCapacity());
        }
        return jobs.stream().map(JobStore.NewJob::record).toList();
    }

    /** The alias of the client's newest SUCCEEDED job: lets examples and scripts name "the calibration I just ran". */
    public static final String LATEST = "latest";

    /** The job if it exists and client may see it; for {@link #LATEST} the client's newest job that SUCCEEDED. */
    public Optional<JobRecord> find(String id, String client) {
        store.evict(props.ttl(), props.maxFinished());
        if (LATEST.equals(id)) {
            return list(client, null).stream().filter(r -> r.status() == JobStatus.SUCCEEDED).findFirst();
        }
        return store.get(id).filter(r -> r.visibleTo(client));
    }

    /** Recent jobs client may see, newest first (of one batch if batchId is not null). */
    public List<JobRecord> list(String client, String batchId) {
        store.evict(props.ttl(), props.maxFinished());
        List<JobRecord> all = new ArrayList<>(store.list(client, batchId));
        all.sort(Comparator.comparing(JobRecord::createdAt).reversed().thenComparing(JobRecord::id));
        return all;
    }

    /** The result of a SUCCEEDED job as the API shows it. */
    public Optional<JsonNode> result(String id) {
        return store.result(id).map(ResultCodec::decode).map(json::readTree);
    }

    /**
     * Requests cancellation: a queued job is cancelled at once; a running one when its engine next checks (on
     * another replica: after that replica's next heartbeat). Returns the job after it, empty if it is gone.
     */
    public Optional<JobRecord> cancel(String id) {
        Optional<JobRecord> r = store.cancel(id, props.ttl());
        LocalRun run = local.get(id);
        if (run != null && r.isPresent() && r.get().cancelRequested()) {
            run.cancel.set(true);
        }
        wake();
        return r;
    }

    /** Removes a finished job and its result from the store; false if it has not finished (cancel it first). */
    public boolean remove(String id) {
        models.remove(id);
        return store.remove(id);
    }

    /** Waits up to min(timeout, slv.jobs.max-wait) for the job to finish; returns it in whatever state it is. */
    public Optional<JobRecord> await(String id, Duration timeout) {
        Duration wait = timeout.compareTo(props.maxWait()) < 0 ? timeout : props.maxWait();
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<JobRecord> r = store.get(id);
            long left = deadline - System.nanoTime();
            if (r.isEmpty() || r.get().status().isFinal() || left <= 0) {
                return r;
            }
            synchronized (monitor) {
                try {
                    // local finishes wake us at once; a job on another replica is seen within the poll interval
                    monitor.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return r;
                }
            }
        }
    }

    /**
     * The engine-side result of a SUCCEEDED job (e.g. a calibrated model for pricing): from this replica's memory
     * if it ran here recently, else rebuilt from the stored request, which gives the same bits (same seed). Empty
     * when the job has not succeeded or its kind keeps no model of the given type.
     */
    public <M> Optional<M> model(String id, Class<M> type) throws Exception {
        Object kept = models.get(id);
        if (kept != null) {
            return type.isInstance(kept) ? Optional.of(type.cast(kept)) : Optional.empty();
        }
        Optional<JobRecord> r = store.get(id);
        Optional<String> request = store.request(id);
        if (r.isEmpty() || r.get().status() != JobStatus.SUCCEEDED || request.isEmpty()) {
            return Optional.empty();
        }
        JobHandler<?> h = handler(r.get().kind());
        if (h == null || !type.equals(h.modelType())) {
            return Optional.empty();
        }
        return rebuild(id, h, request.get()).map(type::cast);
    }

    private <M> Optional<M> rebuild(String id, JobHandler<M> handler, String request) throws Exception {
        M model = handler.task(request).run(context(new LocalRun(id, false))).model();
        if (model != null) {
            models.put(id, model);
        }
        return Optional.ofNullable(model);
    }

    public Duration maxWait() {
        return props.maxWait();
    }

    public Duration retryAfter() {
        return props.retryAfter();
    }

    public int maxBatchItems() {
        return storeProps.maxBatchItems();
    }

    /** A batch's description (JSON, the caller's format), kept as long as finished jobs. */
    public void putBatch(String id, String description) {
        store.putBatch(id, description, props.ttl());
    }

    public Optional<String> batch(String id) {
        return store.batch(id);
    }

    /** True while the job store can be reached. */
    public boolean storeAvailable() {
        return store.available();
    }

    /** Jobs waiting to run over the queue's capacity, in [0, 1] (-1 if the store cannot be reached). */
    public double queueFill() {
        int q = queuedSafely();
        return q < 0 ? -1 : q / (double) Math.max(1, props.queueCapacity());
    }

    /** Jobs running on this replica now. */
    public int runningCount() {
        return running.get();
    }

    private JobHandler<?> handler(String kind) {
        for (JobHandler<?> h : handlers) {
            if (kind.equals(h.kind())) {
                return h;
            }
        }
        return null;
    }

    private int queuedSafely() {
        try {
            return store.queued();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Starts runner loops up to concurrent-jobs (after a stop, e.g. a paused test context, they start again). */
    private synchronized void startRunners() {
        for (int i = loops.get(); i < Math.max(1, props.concurrentJobs()); i++) {
            loops.incrementAndGet();
            runners.execute(() -> {
                try {
                    runLoop();
                } finally {
                    loops.decrementAndGet();
                }
            });
        }
    }

    private void runLoop() {
        while (!stopping) {
            Optional<JobRecord> claimed;
            try {
                claimed = store.claim(worker, storeProps.lease(), CLAIM_WAIT);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (stopping) {
                    return;
                }
                LOG.warn("job store unreachable ({}); retrying", e.toString());
                sleep(Duration.ofSeconds(1));
                continue;
            }
            if (claimed.isPresent() && stopping) {
                // claimed while the replica began to stop: hand it straight back
                store.release(claimed.get().id(), worker, props.ttl());
                return;
            }
            claimed.ifPresent(this::run);
        }
    }

    private void run(JobRecord job) {
        LocalRun run = new LocalRun(job.id(), job.cancelRequested());
        local.put(job.id(), run);
        running.incrementAndGet();
        if (job.attempts() > 1) {
            LOG.info("job {} claimed again (attempt {}): its previous replica stopped", job.id(), job.attempts());
        }
        try {
            if (run.cancel.get()) {
                end(run, JobStatus.CANCELLED, "cancelled", null);
                return;
            }
            JobHandler<?> handler = handler(job.kind());
            String request = store.request(job.id()).orElse(null);
            if (handler == null || request == null) {
                end(run, JobStatus.FAILED, handler == null ? "unknown job kind " + job.kind()
                        : "the job's request is no longer in the store", null);
                return;
            }
            JobOutcome<?> outcome = handler.task(request).run(context(run));
            if (run.cancel.get()) {
                end(run, JobStatus.CANCELLED, "cancelled", null);
            } else {
                byte[] result = ResultCodec.encode(json.writeValueAsBytes(outcome.view()));
                resultBytes.record(result.length);
                if (outcome.model() != null) {
                    models.put(job.id(), outcome.model());
                }
                end(run, JobStatus.SUCCEEDED, null, result);
            }
        } catch (VirtualMachineError e) {
            // the job's own stack or heap ran out: its frames are gone, the runner goes on with the next job
            LOG.error("job {} ran out of resources", job.id(), e);
            end(run, JobStatus.FAILED, "the job ran out of resources: " + e.getClass().getSimpleName(), null);
        } catch (Throwable e) {
            if (run.cancel.get() || e instanceof CancellationException) {
                end(run, JobStatus.CANCELLED, "cancelled", null);
            } else if (e instanceof IllegalArgumentException) {
                end(run, JobStatus.FAILED, e.getMessage(), null);
            } else {
                String ref = UUID.randomUUID().toString();
                LOG.error("job {} failed (reference {})", job.id(), ref, e);
                end(run, JobStatus.FAILED, "internal error (reference " + ref + ")", null);
            }
        } finally {
            local.remove(job.id());
            running.decrementAndGet();
            wake();
        }
    }

    private JobContext context(LocalRun run) {
        BooleanSupplier cancelled = run.cancel::get;
        return new JobContext() {
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
                if (Double.isFinite(fraction)) {
                    run.progress = Math.max(run.progress, Math.min(1.0, Math.max(0.0, fraction)));
                }
                run.phase = phase;
                if (localStore && local.get(run.id) == run) {
                    // in memory publishing costs nothing: GET sees progress at once; a shared store gets it by heartbeat
                    store.heartbeat(run.id, worker, run.progress, phase, storeProps.lease());
                }
            }
        };
    }

    private void end(LocalRun run, JobStatus status, String error, byte[] result) {
        if (run.abandoned) {
            return;
        }
        try {
            if (store.finish(run.id, worker, status, error, result, props.ttl())) {
                finished.get(status).increment();
            } else {
                LOG.info("job {} ended {} here, but this replica no longer held it", run.id, status);
            }
        } catch (RuntimeException e) {
            // the store is gone: the lease runs out and another replica runs the job again
            LOG.warn("could not record the end of job {} ({}); its lease will expire", run.id, e.toString());
        }
    }

    /** Renews leases, publishes progress, reads cancel flags, re-queues jobs of dead replicas, evicts. */
    private void beat() {
        try {
            for (LocalRun run : local.values()) {
                if (run.abandoned) {
                    continue;
                }
                Optional<JobRecord> r = store.heartbeat(run.id, worker, run.progress, run.phase, storeProps.lease());
                if (r.isEmpty()) {
                    LOG.warn("job {}: lease lost (re-queued elsewhere or finished); stopping it here", run.id);
                    run.abandoned = true;
                    run.cancel.set(true);
                } else if (r.get().cancelRequested()) {
                    run.cancel.set(true);
                }
            }
            int recovered = store.recover(Math.max(1, storeProps.maxAttempts()), storeProps.lease(), props.ttl());
            if (recovered > 0) {
                LOG.info("re-queued {} job(s) whose replica stopped", recovered);
            }
            store.evict(props.ttl(), props.maxFinished());
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.warn("heartbeat: job store unreachable ({})", e.toString());
            }
        }
    }

    private void wake() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String defaultReplicaId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "replica";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ---------------------------------------------------------------- shutdown (SIGTERM)

    @Override
    public void start() {
        if (!accepting && !destroyed) {
            // restarted after a stop (Spring pauses and resumes cached test contexts this way)
            awaitLoopsEnd();
            stopping = false;
            accepting = true;
            startRunners();
        }
    }

    private void awaitLoopsEnd() {
        long deadline = System.nanoTime() + CLAIM_WAIT.toNanos() * 4;
        while (loops.get() > 0 && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(10));
        }
    }

    @Override
    public boolean isRunning() {
        return accepting;
    }

    /** Stops first (highest phase): while jobs are handed on or finish, the web server still answers GETs. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    @Override
    public void stop() {
        shutdown(props.shutdownGrace());
    }

    /**
     * Graceful stop: refuse new jobs (503), let the jobs running here finish within grace, then
     * <ul>
     * <li>with a shared store: give the ones still running back to the queue, where another replica takes them at
     * once (queued jobs simply stay queued): nothing is lost;</li>
     * <li>with the memory store: cancel queued jobs at once and the ones still running after grace, since nothing
     * of them survives this JVM, and record each one's final state.</li>
     * </ul>
     * Logs one line per job and returns the jobs that were open (running here, and with the memory store queued).
     */
    public List<JobRecord> shutdown(Duration grace) {
        accepting = false;
        stopping = true; // runners finish what they run but claim nothing more
        List<String> open = new ArrayList<>(local.keySet());
        if (!store.shared()) {
            for (String id : store.queuedIds()) {
                store.cancel(id, "cancelled: the service shut down before it started", props.ttl());
                open.add(id);
            }
        }
        awaitLocal(grace);
        if (store.shared()) {
            for (LocalRun run : local.values()) {
                run.abandoned = true;
                run.cancel.set(true);
                try {
                    store.release(run.id, worker, props.ttl());
                    LOG.info("shutdown: job {} given back to the queue of {}", run.id, store.describe());
                } catch (RuntimeException e) {
                    LOG.warn("shutdown: could not give back job {} ({}); its lease will expire", run.id, e.toString());
                }
            }
        } else {
            local.values().forEach(run -> run.cancel.set(true));
            awaitLocal(CANCEL_GRACE);
            for (LocalRun run : local.values()) {
                // a job that ignores its flag is recorded as cancelled all the same: nothing of it survives
                end(run, JobStatus.CANCELLED, "cancelled: the service shut down while it was running", null);
                run.abandoned = true;
            }
        }
        List<JobRecord> recorded = new ArrayList<>();
        for (String id : open) {
            store.get(id).ifPresent(r -> {
                recorded.add(r);
                LOG.info("shutdown: job {} ({} of client {}) state {}{}", r.id(), r.kind(), r.owner(), r.status(),
                        r.error() != null ? " (" + r.error() + ")" : "");
            });
        }
        LOG.info("shutdown: {} job(s) open on this replica, recorded in {}", recorded.size(), store.describe());
        return recorded;
    }

    private void awaitLocal(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        while (!local.isEmpty() && System.nanoTime() < deadline) {
            synchronized (monitor) {
                try {
                    monitor.wait(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Context close: stop (if the lifecycle did not) and end the runner and heartbeat threads. */
    @PreDestroy
    void destroy() {
        destroyed = true;
        if (accepting) {
            shutdown(Duration.ZERO); // a context closed without a lifecycle stop (tests)
        }
        stopping = true;
        heartbeat.shutdownNow();
        // idle runners leave their claim loop within one claim wait; interrupting a store call is noisier
        runners.shutdown();
        try {
            if (!runners.awaitTermination(CLAIM_WAIT.toMillis() * 4, TimeUnit.MILLISECONDS)) {
                runners.shutdownNow();
            }
        } catch (InterruptedException e) {
            runners.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
