package com.fxdesk.slv.web.support;

import com.fxdesk.slv.config.JobsProperties;
import com.fxdesk.slv.web.errors.ApiProblemException;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Bounds synchronous engine work (Heston calibration, pricing, regression, surfaces) to the compute pool's size,
 * so that a burst of requests queues briefly and then gets 503 + Retry-After instead of oversubscribing the CPUs.
 */
@Component
public class ComputeGate {
    private static final long WAIT_SECONDS = 30;
    private final Semaphore permits;

    public ComputeGate(JobsProperties jobs) {
        this.permits = new Semaphore(jobs.effectiveComputeThreads(), true);
    }

    public <T> T run(Callable<T> work) throws Exception {
        if (!permits.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
            HttpHeaders h = new HttpHeaders();
            h.set(HttpHeaders.RETRY_AFTER, "5");
            throw new ApiProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Busy",
                    "all compute threads are busy; retry later", h);
        }
        try {
            return work.call();
        } finally {
            permits.release();
        }
    }
}
