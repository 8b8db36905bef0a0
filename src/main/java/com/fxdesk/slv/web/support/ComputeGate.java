package com.fxdesk.slv.web.support;

import com.fxdesk.slv.config.ComputeProperties;
import com.fxdesk.slv.jobs.JobsProperties;
import com.fxdesk.slv.web.errors.ApiProblemException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Admission and deadline of synchronous engine work. A request's cost is estimated before any work starts
 * ({@link CostEstimate}); below {@code slv.compute.heavy-cost} it runs at once (small requests never wait behind large
 * ones); a large one takes one of {@code slv.compute.max-heavy} slots or is refused at once with 429 + Retry-After.
 * Every computation gets a cancellation signal that turns true at the deadline ({@code slv.compute.deadline}); the
 * engine polls it between chunks of work and stops, and the client gets 503 + Retry-After.
 */
@Component
public class ComputeGate {
    private final Semaphore heavy;
    private final int heavySlots;
    private final long heavyCost;
    private final long deadlineNanos;
    private final String retryAfter;

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
    }

    /** Runs work of the given estimated cost under admission control and the deadline. */
    public <T> T run(long cost, Work<T> work) throws Exception {
        boolean large = cost >= heavyCost;
        if (large && !heavy.tryAcquire()) {
            throw new ApiProblemException(HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests",
                    "the service is already running " + heavySlots + " large computations; retry later "
                            + "(smaller requests are not affected)", retryHeaders());
        }
        long deadline = System.nanoTime() + deadlineNanos;
        BooleanSupplier cancelled = () -> System.nanoTime() - deadline > 0;
        try {
            return work.call(cancelled);
        } catch (CancellationException e) {
            if (cancelled.getAsBoolean()) {
                throw new ApiProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Deadline exceeded",
                        "the computation did not finish within the " + deadlineNanos / 1_000_000_000L + " s limit "
                                + "for synchronous requests and was stopped; reduce its size (paths, particles, "
                                + "products) or retry when the service is less busy", retryHeaders());
            }
            throw e;
        } finally {
            if (large) {
                heavy.release();
            }
        }
    }

    /** Large requests running now over the slots for them, in [0, 1]. */
    public double saturation() {
        return (heavySlots - heavy.availablePermits()) / (double) heavySlots;
    }

    private HttpHeaders retryHeaders() {
        HttpHeaders h = new HttpHeaders();
        h.set(HttpHeaders.RETRY_AFTER, retryAfter);
        return h;
    }
}
