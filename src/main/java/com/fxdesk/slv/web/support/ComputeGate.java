package com.fxdesk.slv.web.support;

import com.fxdesk.slv.parallel.DaemonThreads;
import com.fxdesk.slv.config.ComputeProperties;
import com.fxdesk.slv.jobs.JobsProperties;
import com.fxdesk.slv.web.errors.ApiProblemException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Admission, deadline and cancellation of synchronous engine work.
 * <ul>
 *   <li><b>Admission.</b> A request's cost is estimated before any work starts ({@link CostEstimate}); below
 *   {@code slv.compute.heavy-cost} it runs at once (small requests never wait behind large ones); a large one takes
 *   one of {@code slv.compute.max-heavy} slots or is refused at once with 429 + Retry-After.</li>
 *   <li><b>Cancellation.</b> Every computation gets a signal that turns true at the deadline
 *   ({@code slv.compute.deadline}; the client then gets 503 + Retry-After) or as soon as the client has gone: the
 *   work of {@link #submit} runs outside the servlet thread in an asynchronous request, and the container reports a
 *   closed connection to it. The engine polls the signal between chunks of work and stops.</li>
 *   <li><b>Priority.</b> While a small computation or an authenticated API request's dispatch ({@link ForegroundFilter}:
 *   reading, validating, writing; for its first second only, a longer one is waiting, e.g. for a job) is in
 *   progress, large computations pause at their next poll (i.e. after the
 *   chunk of work in hand) and resume when none is left, still watching their deadline: a small request shares the
 *   cores with large ones only for the rest of their current chunks, however many large ones run. Under a continuous
 *   stream of small requests, large ones reach their deadline (503) rather than slow the small ones.</li>
 * </ul>
 * Gauge {@code slv.compute.running}: synchronous computations in progress.
 */
@Component
public class ComputeGate {
    private final Semaphore heavy;
    private final int heavySlots;
    private final long heavyCost;
    private final long deadlineNanos;
    private final String retryAfter;
    private final AtomicInteger running = new AtomicInteger();
    /** Small computations in progress: large computations pause while there is any. */
    private final AtomicInteger smallRunning = new AtomicInteger();
    /**
     * Request dispatches in progress ({@link ForegroundFilter}) → their start: large computations pause while one of
     * them is younger than {@link #DISPATCH_PRIORITY_NANOS}. Older ones are waiting (e.g. for a job with wait=true),
     * not computing, and must not hold large computations back.
     */
    private final Map<Object, Long> dispatches = new ConcurrentHashMap<>();
    private static final long DISPATCH_PRIORITY_NANOS = 1_000_000_000L;
    /** The current thread's dispatch: work it computes itself ({@link #run}) must not wait for itself. */
    private final ThreadLocal<Object> inDispatch = new ThreadLocal<>();
    /** Dispatches counted as foreground work since start (tests: anonymous requests must not count). */
    private final java.util.concurrent.atomic.AtomicLong foregroundCounted = new java.util.concurrent.atomic.AtomicLong();
    private final ThreadPoolExecutor lane;

    /** Work that polls {@code cancelled} and stops (throwing CancellationException) once it is true. */
    @FunctionalInterface
    public interface Work<T> {
        T call(BooleanSupplier cancelled) throws Exception;
    }

    public ComputeGate(ComputeProperties compute, JobsProperties jobs) {
        this.heavySlots = compute.effectiveMaxHeavy(jobs);
        this.heavy = new Semaphore(heavySlots);
        this.heavyCost = compute.heavyCost();
        this.deadlineNanos = compute.deadline().toNanos();
        this.retryAfter = String.valueOf(Math.max(1, compute.retryAfter().toSeconds()));
        // no queue: a computation starts at once or is refused (503); threads die after a minute idle
        this.lane = new ThreadPoolExecutor(0, Math.max(1, compute.maxRequests()), 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), DaemonThreads.named("slv-request-"));
    }

    @Autowired
    public ComputeGate(ComputeProperties compute, JobsProperties jobs, MeterRegistry registry) {
        this(compute, jobs);
        Gauge.builder("slv.compute.running", running, AtomicInteger::get)
                .description("Synchronous computations in progress").register(registry);
    }

    /**
     * Runs work of the given estimated cost asynchronously under admission control, the deadline and the client's
     * presence: the servlet thread returns at once; when the client disconnects, the work is told to stop.
     * Refusals (429, 503) are thrown here, before any work.
     */
    public <T> DeferredResult<T> submit(long cost, Work<T> work) {
        boolean large = admit(cost);
        // the container's own timeout only as a backstop: the deadline stops the work first
        DeferredResult<T> result = new DeferredResult<>(TimeUnit.NANOSECONDS.toMillis(deadlineNanos) + 30_000);
        // one lock orders the container's end of the request against the probe: no probe after it (see ClientPresence)
        jakarta.servlet.http.HttpServletRequest request = currentRequest();
        ClientPresence absent = request == null ? new ClientPresence(null) : ClientPresence.of(request);
        result.onError(e -> absent.end());
        result.onTimeout(absent::end);
        result.onCompletion(absent::end); // after the answer, or when the request ended otherwise
        Runnable task = () -> {
            try {
                result.setResult(compute(large, work, absent));
            } catch (CancellationException e) {
                // the client has gone (the deadline is an ApiProblemException): an answer nobody reads, not an error
                result.setErrorResult(new ApiProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Client gone",
                        "the client closed the connection; the computation was stopped", retryHeaders()));
            } catch (Throwable e) {
                result.setErrorResult(e);
            } finally {
                if (large) {
                    heavy.release();
                }
            }
        };
        try {
            // the work sees the caller's identity (job ownership)
            lane.execute(DelegatingSecurityContextRunnable.create(task, SecurityContextHolder.getContext()));
        } catch (RejectedExecutionException e) {
            if (large) {
                heavy.release();
            }
            throw new ApiProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
                    "the service is running " + lane.getMaximumPoolSize() + " computations; retry later",
                    retryHeaders());
        }
        return result;
    }

    /** Runs work of the given estimated cost on the calling thread under admission control and the deadline. */
    public <T> T run(long cost, Work<T> work) throws Exception {
        boolean large = admit(cost);
        Object dispatch = inDispatch.get();
        if (dispatch != null) {
            dispatches.remove(dispatch); // this thread's dispatch now computes: counted by compute() if small
        }
        try {
            return compute(large, work, () -> false);
        } finally {
            if (dispatch != null) {
                dispatches.put(dispatch, System.nanoTime()); // writing the answer
            }
            if (large) {
                heavy.release();
            }
        }
    }

    /** Large requests running now over the slots for them, in [0, 1]. */
    public double saturation() {
        return (heavySlots - heavy.availablePermits()) / (double) heavySlots;
    }

    /** Synchronous computations in progress. */
    public int running() {
        return running.get();
    }

    @PreDestroy
    void stop() {
        lane.shutdownNow();
    }

    private static jakarta.servlet.http.HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a ? a.getRequest()
                : null;
    }

    /** A request's dispatch begins: foreground work, large computations pause (see {@link ForegroundFilter}). */
    void foregroundEnter() {
        Object dispatch = new Object();
        foregroundCounted.incrementAndGet();
        inDispatch.set(dispatch);
        dispatches.put(dispatch, System.nanoTime());
    }

    void foregroundExit() {
        Object dispatch = inDispatch.get();
        inDispatch.remove();
        if (dispatch != null) {
            dispatches.remove(dispatch);
        }
    }

    /** Dispatches counted as foreground work since start. */
    long foregroundCounted() {
        return foregroundCounted.get();
    }

    /** True when the work is large (it then holds a slot the caller releases). */
    private boolean admit(long cost) {
        boolean large = cost >= heavyCost;
        if (large && !heavy.tryAcquire()) {
            throw new ApiProblemException(HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests",
                    "the service is already running " + heavySlots + " large computations; retry later "
                            + "(smaller requests are not affected)", retryHeaders());
        }
        return large;
    }

    private <T> T compute(boolean large, Work<T> work, BooleanSupplier gone) throws Exception {
        long deadline = System.nanoTime() + deadlineNanos;
        BooleanSupplier late = () -> System.nanoTime() - deadline > 0;
        BooleanSupplier stop = () -> late.getAsBoolean() || gone.getAsBoolean();
        running.incrementAndGet();
        if (!large) {
            smallRunning.incrementAndGet();
        }
        try {
            return work.call(large ? () -> yieldToSmall(stop) : stop);
        } catch (CancellationException e) {
            if (late.getAsBoolean()) {
                throw new ApiProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Deadline exceeded",
                        "the computation did not finish within the " + deadlineNanos / 1_000_000_000L + " s limit "
                                + "for synchronous requests and was stopped; reduce its size (paths, particles, "
                                + "products) or retry when the service is less busy", retryHeaders());
            }
            throw e; // the client has gone: nobody reads the answer
        } finally {
            if (!large) {
                smallRunning.decrementAndGet();
            }
            running.decrementAndGet();
        }
    }

    /**
     * A large computation's poll: waits while small ones are in progress (they are short), then answers whether to
     * stop. Never waits for another large one, so it cannot deadlock with the engine's own waits.
     */
    private boolean yieldToSmall(BooleanSupplier stop) {
        while (smallRunning.get() > 0 || recentDispatch()) {
            if (stop.getAsBoolean()) {
                return true;
            }
            LockSupport.parkNanos(500_000L);
        }
        return stop.getAsBoolean();
    }

    private boolean recentDispatch() {
        long now = System.nanoTime();
        for (long start : dispatches.values()) {
            if (now - start < DISPATCH_PRIORITY_NANOS) {
                return true;
            }
        }
        return false;
    }

    private HttpHeaders retryHeaders() {
        HttpHeaders h = new HttpHeaders();
        h.set(HttpHeaders.RETRY_AFTER, retryAfter);
        return h;
    }
}
